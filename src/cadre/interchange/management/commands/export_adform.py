"""cadre export_adform --id-number N --format docx|pdf --out FILE [--proposed …] [--user NAME]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from cadre.interchange.access import cadre_by_id_number
from cadre.interchange.adform_docx import export_adform
from cadre.interchange.adform_pdf import PdfUnavailable, export_adform_pdf
from cadre.interchange.cli_support import actor_for


class Command(BaseCommand):
    help = (
        "导出一名干部的干部任免审批表：Word（docx），或PDF（两页A4，需要本机有中文字体，"
        "如Noto CJK，或CADRE_PDF_FONT_DIR中的字体；没有时以退出码2结束并说明原因）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--id-number", required=True, help="干部的身份证号")
        parser.add_argument(
            "--format", choices=["docx", "pdf"], default="docx", help="输出格式（默认docx）"
        )
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument("--proposed", default="", help="拟任职务")
        parser.add_argument("--removed", default="", help="拟免职务")
        parser.add_argument("--reason", default="", help="任免理由")
        parser.add_argument("--reporting-unit", default="", help="呈报单位（默认为所在单位）")
        parser.add_argument("--user", help="以该用户身份导出（受其管理范围限制）")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            actor = actor_for(opts["user"])
            cadre = cadre_by_id_number(actor, opts["id_number"])
            export = export_adform_pdf if opts["format"] == "pdf" else export_adform
            data = export(
                cadre=cadre,
                actor=actor,
                proposed=opts["proposed"],
                removed=opts["removed"],
                reason=opts["reason"],
                reporting_unit=opts["reporting_unit"],
            )
        except PdfUnavailable as exc:
            self.stderr.write(str(exc))
            sys.exit(2)
        except (Http404, PermissionDenied) as exc:
            raise CommandError(str(exc) or "找不到该干部") from exc
        Path(opts["out"]).write_bytes(data)
        self.stdout.write(f"已导出{cadre.name}的干部任免审批表：{opts['out']}")
