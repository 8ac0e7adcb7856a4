"""/cadres/: the roster (干部名册) of a unit and its sub-units, with the unit tree beside it,
filters, sortable columns, database pagination and quick search.

A full page on a normal request; only the roster part for htmx (tree clicks, filters, sort
and paging), so the page works with and without JavaScript.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from cadre.accounts.models import Role
from cadre.core import codebook
from cadre.org.views.tree import build_tree
from cadre.people import filters as roster_filters
from cadre.people.filters import (
    Sort,
    apply_sort,
    clean_text,
)
from cadre.people.paging import CappedPaginator
from cadre.people.roster_query import roster_query
from cadre.people.search import SearchMode, apply_search, interpret, narrowed
from cadre.people.selectors import cadres_for
from cadre.people.views.roster.rows import (
    PagedRows,
    RosterLinks,
    roster_rows,
    row_values,
    rows_html,
)

QUICK_SEARCH_LIMIT = 10
# A search counts its matches up to here (beyond: "超过 200 人"). A common surname matches
# tens of thousands in a province, and counting them costs more than the page; a search is
# for finding someone, and more characters narrow it.
SEARCH_COUNT_CAP = 200


def _is_partial(request: HttpRequest) -> bool:
    """htmx asks for the roster part only; a history restore needs the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _require_roster_user(request: HttpRequest) -> None:
    """The administrator roles see no cadre data: for them the roster does not exist."""
    if request.user.is_admin_role:  # type: ignore[union-attr]
        raise Http404("页面不存在")


def _options(choices: list[tuple[Any, str]], selected: Any) -> SafeString:
    """A select's <option>s, the chosen ones marked: one join, not a template loop."""
    html = "".join(
        f'<option value="{escape(str(code))}"{" selected" if code in selected else ""}>'
        f"{escape(label)}</option>"
        for code, label in choices
    )
    return mark_safe(html)  # every value escaped above


def _filter_options(f: roster_filters.RosterFilters) -> dict[str, SafeString]:
    statuses = [*f.selected("status"), *([roster_filters.STATUS_ALL] if f.status_all else [])]
    return {
        "gender": _options(codebook.choices("gender"), f.selected("gender")),
        "political_status": _options(
            [(roster_filters.CPC, "中共党员（含预备党员）"), *codebook.choices("political_status")],
            f.selected("political_status"),
        ),
        "position_level": _options(
            codebook.choices("position_level"), f.selected("position_level")
        ),
        "rank": _options(codebook.choices("rank"), f.selected("rank")),
        "staff_category": _options(
            codebook.choices("staff_category"), f.selected("staff_category")
        ),
        "status": _options(
            [*codebook.choices("status"), (roster_filters.STATUS_ALL, "全部")], statuses
        ),
        "education_level": _options(roster_filters.education_choices(), [f.education_level]),
    }


def _page_links(links: RosterLinks, page: Any) -> list[tuple[str, str]]:
    """(label, url) of the page numbers around the current one; "…" has no url."""
    items: list[tuple[str, str]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append(("…", ""))
        else:
            items.append((str(number), links.page_url(int(number))))
    return items


@require_GET
@login_required
def roster(request: HttpRequest) -> HttpResponse:
    _require_roster_user(request)
    user = request.user
    if user.role == Role.SELF:  # type: ignore[union-attr]
        # A cadre has no roster: their own record is the one page they see.
        cadre_id = user.cadre_id  # type: ignore[union-attr]
        if not cadre_id:
            raise Http404("未关联干部信息")
        return redirect(f"/cadres/{cadre_id}/")

    query = roster_query(user, request.GET)
    unit, term, filters, sort = query.unit, query.term, query.filters, query.sort
    q_text = query.q
    notices = query.notices
    raw_page = request.GET.get("page", "")
    if raw_page and not raw_page.isdigit():
        notices.append("页码无效，已显示第一页。")

    today = timezone.localdate()
    qs = apply_sort(query.apply(cadres_for(user), today), sort)
    cap = settings.ROSTER_COUNT_CAP
    page = CappedPaginator(
        PagedRows(qs, ids_first=term is not None and term.mode is SearchMode.FULL_PINYIN),
        settings.ROSTER_PAGE_SIZE,
        cap=min(SEARCH_COUNT_CAP, cap) if term else cap,
        counted=qs,  # the same rows, without the shown columns
    ).get_page(raw_page or 1)
    rows = roster_rows(
        page.object_list, today, grouped=not sort.key, first_number=page.start_index()
    )

    links = RosterLinks(unit.code if unit else "", q_text, filters, sort)
    context: dict[str, Any] = {
        "unit": unit,
        "term": term,
        "q": q_text,
        "filters": filters,
        "sort": sort,
        "notices": notices,
        "page": page,
        "rows": rows_html(rows, show_unit=bool(sort.key)),
        "links": links,
        "headers": links.headers(),
        "page_links": _page_links(links, page),
        "page_number": str(page.number),
        "prev_url": links.page_url(page.number - 1) if page.has_previous() else "",
        "next_url": links.page_url(page.number + 1) if page.has_next() else "",
        "options": _filter_options(filters),
        "page_size": settings.ROSTER_PAGE_SIZE,
    }
    if _is_partial(request):
        response = render(request, "people/roster/_roster.html", context)
        # The address bar shows the canonical link: valid parameters only, no empty ones.
        response["HX-Push-Url"] = links.url(page=page.number)
    else:
        context["tree"] = build_tree(user, unit)
        response = render(request, "people/roster/page.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def quick_search(request: HttpRequest) -> HttpResponse:
    """The top bar's search-as-you-type: the first hits in scope, any status."""
    _require_roster_user(request)
    if request.user.role == Role.SELF:  # type: ignore[union-attr]
        raise Http404("页面不存在")
    q_text = clean_text(request.GET.get("q"), 40)
    term = interpret(q_text)
    more_url = f"/cadres/?{urlencode({'q': q_text, 'status': 'all'})}" if term else "/cadres/"
    if request.headers.get("HX-Request") != "true":
        return redirect(more_url)
    found: list[Any] = []
    term = narrowed(term)
    if term is not None:
        qs = apply_search(cadres_for(request.user), term)
        # 现职 first, in the roster's order, then the others. Asked apart: the first walks
        # the roster's order index and stops after a few entries even for a common surname;
        # the others are asked for only when the first found few, i.e. for a rare text.
        # (Pinyin order would walk from "a" to reach 张.)
        current = apply_sort(qs.filter(status="1"), Sort())
        found = list(row_values(current)[: QUICK_SEARCH_LIMIT + 1])
        if len(found) <= QUICK_SEARCH_LIMIT:
            others = qs.exclude(status="1").order_by("status", *roster_filters.DEFAULT_ORDER, "pk")
            found += row_values(others)[: QUICK_SEARCH_LIMIT + 1 - len(found)]
    more = len(found) > QUICK_SEARCH_LIMIT
    found = found[:QUICK_SEARCH_LIMIT]
    hits = [
        {
            "url": f"/cadres/{c['id']}/",
            "name": c["name"],
            "unit": c["unit_name"],
            "position": c["current_position"],
            "status": "" if c["status"] == "1" else codebook.name("status", c["status"]),
        }
        for c in found
    ]
    context = {
        "term": term,
        "hits": hits,
        "more": more,
        "more_url": more_url,
    }
    response = render(request, "people/roster/_quicksearch.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
