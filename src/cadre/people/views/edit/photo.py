"""Upload or remove the cadre's photo. Serving it belongs to the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.actors import Actor
from cadre.people import services
from cadre.people.forms import PhotoForm
from cadre.people.models import CadrePhoto
from cadre.people.views.edit.common import editable_cadre, page, part_url, saved


@login_required
@require_http_methods(["GET", "POST"])
def photo_edit(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = editable_cadre(request, cadre_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_set(
                cadre=cadre, data=form.cleaned_data["image"], actor=Actor.from_request(request)
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("image", message)
        else:
            return saved(request, cadre, "photo", "照片已更新")
    has_photo = CadrePhoto.objects.filter(cadre=cadre).exists()
    return page(
        request, "people/edit/photo.html", cadre, "photo", {"form": form, "has_photo": has_photo}
    )


@login_required
@require_POST
def photo_remove(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = editable_cadre(request, cadre_id)
    services.photo_delete(cadre=cadre, actor=Actor.from_request(request))
    messages.success(request, "照片已删除")
    return HttpResponseRedirect(part_url(cadre, "photo"))
