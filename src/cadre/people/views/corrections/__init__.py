"""信息更正: the cadre's own requests and the organization department's queue."""

from cadre.people.views.corrections.mine import correction_list, correction_new
from cadre.people.views.corrections.queue import correction_decide, correction_detail, queue

__all__ = ["correction_decide", "correction_detail", "correction_list", "correction_new", "queue"]
