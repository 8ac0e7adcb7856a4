"""The unit tree beside the roster: the user's scope roots, children loaded on demand, and a
search that finds units by name or pinyin initials and shows the path to each.

Only units inside the user's scope exist here; any other unit code is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.accounts.scope import restrict_units, scope_paths, unit_in_scope
from cadre.org.models import Unit
from cadre.people.filters import clean_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from cadre.accounts.models import User

STEP = Unit.steplen
SEARCH_LIMIT = 20
CODE_MAX = 32  # Unit.code max_length
_NODE_FIELDS = ("path", "depth", "numchild", "code", "name", "short_name", "sort", "is_closed")


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] | None = None  # None: not loaded yet (fetched on expand)
    selected: bool = False

    @property
    def expanded(self) -> bool:
        return self.children is not None

    @property
    def has_children(self) -> bool:
        return bool(self.unit.numchild)


@dataclass
class UnitHit:
    unit: Unit
    trail: list[str] = field(default_factory=list)  # names from the scope root down


def _ordered(qs: QuerySet[Unit], limit: int | None = None) -> list[Unit]:
    ordered = qs.only(*_NODE_FIELDS).order_by("depth", "sort", "path")
    return list(ordered[:limit] if limit is not None else ordered)


def scope_unit(user: User | AnonymousUser, code: str | None) -> Unit | None:
    """The unit with this code if it is in the user's scope; None for no code; else 404."""
    code = clean_text(code, CODE_MAX + 1)
    if not code:
        return None
    # Longer than any code: no such unit (never truncate into another unit's code).
    unit = Unit.objects.filter(code=code).first() if len(code) <= CODE_MAX else None
    if unit is None or not unit_in_scope(user, unit):
        raise Http404("单位不存在或不在管理范围内")
    return unit


def build_tree(user: User | AnonymousUser, selected: Unit | None = None) -> list[TreeNode]:
    """The scope roots, expanded down to `selected` and its children. One query."""
    roots = scope_paths(user)
    if not roots:
        return []
    q = Q(path__in=roots)
    if selected is not None:
        root = next((r for r in roots if selected.path.startswith(r)), None)
        if root is not None:
            for end in range(len(root), len(selected.path) + 1, STEP):
                ancestor = selected.path[:end]
                q |= Q(path__startswith=ancestor, depth=end // STEP + 1, is_closed=False)
    units = _ordered(Unit.objects.filter(q))
    nodes: dict[str, TreeNode] = {}
    top: list[TreeNode] = []
    for unit in units:
        node = TreeNode(unit, selected=selected is not None and unit.pk == selected.pk)
        nodes[unit.path] = node
        parent = nodes.get(unit.path[:-STEP])
        if unit.path in roots or parent is None:
            top.append(node)
        else:
            if parent.children is None:
                parent.children = []
            parent.children.append(node)
    if selected is not None and selected.path in nodes:
        # The selected unit is open: its (possibly empty) list of children is loaded.
        chosen = nodes[selected.path]
        if chosen.children is None:
            chosen.children = []
    return top


def tree_children(user: User | AnonymousUser, unit: Unit) -> list[TreeNode]:
    qs = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1, is_closed=False)
    return [TreeNode(u) for u in _ordered(qs)]


def search_units(user: User | AnonymousUser, raw: str) -> tuple[list[UnitHit], bool]:
    """Units in scope whose name contains the text or whose initials start with it, each
    with the names on its path from the scope root. Two queries."""
    text = clean_text(raw, 40)
    roots = scope_paths(user)
    if not text or not roots:
        return [], False
    match = Q(name__icontains=text) | Q(short_name__icontains=text)
    if text.isascii() and text.isalpha():
        match |= Q(name_initials__startswith=text.lower()) | Q(code__iexact=text)
    qs = restrict_units(Unit.objects.filter(match, is_closed=False), user)
    units = _ordered(qs, SEARCH_LIMIT + 1)
    more = len(units) > SEARCH_LIMIT
    units = units[:SEARCH_LIMIT]
    wanted: set[str] = set()
    for unit in units:
        root = next(r for r in roots if unit.path.startswith(r))
        wanted.update(unit.path[:end] for end in range(len(root), len(unit.path), STEP))
    names = dict(Unit.objects.filter(path__in=wanted).values_list("path", "name") if wanted else [])
    hits = []
    for unit in units:
        trail = [names[p] for p in sorted(names) if unit.path.startswith(p) and p != unit.path]
        hits.append(UnitHit(unit, trail))
    return hits, more


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
@login_required
def children(request: HttpRequest, code: str) -> HttpResponse:
    unit = scope_unit(request.user, code)
    if unit is None:  # a code of nothing but control characters
        raise Http404("单位不存在或不在管理范围内")
    nodes = tree_children(request.user, unit)
    return render(request, "org/tree/_nodes.html", {"nodes": nodes, "parent": unit})


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    if not scope_paths(request.user):
        raise Http404("没有可查看的单位")
    text = clean_text(request.GET.get("q"), 40)
    hits, more = search_units(request.user, text)
    context = {"hits": hits, "more": more, "q": text}
    template = "org/tree/_search.html" if _is_htmx(request) else "org/tree/search.html"
    return render(request, template, context)
