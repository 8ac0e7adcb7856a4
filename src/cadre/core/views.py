from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 400, "请求有误", "请求的内容不正确，请返回重试。")


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 403, "无权操作", "您没有执行此操作的权限。")


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 404, "页面不存在", "您访问的页面不存在，或不在您的管理范围内。")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "系统错误", "系统处理时出错，请稍后重试或联系系统管理员。")
