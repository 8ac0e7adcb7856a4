"""The cadre's photo and the unmasked ID number."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from cadre.core.actors import Actor
from cadre.people.models import CadrePhoto
from cadre.people.selectors import cadre_get
from cadre.people.services_view import reveal_id_number
from cadre.people.views.profile.pages import is_htmx

# Served as stored only when the type is one of these; anything else is not an image to us.
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"})
PHOTO_MAX_AGE = 300


@login_required
@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = cadre_get(request.user, pk)
    item = CadrePhoto.objects.filter(cadre_id=cadre.pk).first()
    if item is None or not item.image:
        raise Http404("没有照片")
    content_type = item.content_type if item.content_type in IMAGE_TYPES else ""
    if not content_type:
        raise Http404("照片格式无法识别")
    response = HttpResponse(bytes(item.image), content_type=content_type)
    patch_cache_control(response, private=True, max_age=PHOTO_MAX_AGE)
    response["Content-Disposition"] = f'inline; filename="photo-{cadre.pk}"'
    return response


@login_required
@require_POST
def id_number(request: HttpRequest, pk: int) -> HttpResponse:
    """The full ID number for the roles that may unmask it (each reveal is audited)."""
    if not getattr(request.user, "can_unmask", False):
        raise Http404
    cadre = cadre_get(request.user, pk)
    try:
        number, error = reveal_id_number(cadre=cadre, actor=Actor.from_request(request)), ""
    except ValidationError as exc:
        number, error = "", "；".join(exc.messages)
    context = {"cadre": cadre, "number": number, "error": error}
    template = (
        "people/profile/_id_number.html" if is_htmx(request) else "people/profile/id_number.html"
    )
    response = render(request, template, context)
    patch_cache_control(response, private=True, no_store=True)
    return response
