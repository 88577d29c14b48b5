"""Printing: every PDF the product makes goes through `pdf_response` (WeasyPrint, with
the letter stylesheet `pendamping/letter.css`), so the letterhead and the page rules
are the same on every printout. The context gets `letterhead`, the agency's kop surat
(accounts/letterhead.py; `includes/letterhead.html` draws it), of the agency the
caller names as `letterhead_agency`, else of the user's agency."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def with_letterhead(request, context: dict) -> dict:
    from pendamping.accounts.access import agency_of
    from pendamping.accounts.letterhead import letterhead_of

    if "letterhead" in context:
        return context
    agency = context.get("letterhead_agency") or agency_of(request.user)
    return context | {"letterhead": letterhead_of(agency)}


def render_pdf(request, template: str, context: dict) -> bytes:
    """The template rendered with `pdf=True` in its context, as PDF bytes."""
    from weasyprint import CSS, HTML  # imported on first print: it loads pango

    html = render_to_string(template, with_letterhead(request, context) | {"pdf": True}, request)
    stylesheet = CSS(filename=finders.find("pendamping/letter.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def pdf_response(request, template: str, context: dict, filename: str, *,
                 for_the_subject: bool = False) -> HttpResponse:  # fmt: skip
    """An inline PDF answer named `filename` (ASCII, without quotes). Refused when it
    shows a client whose processing is restricted (processing.py), unless it is the
    client's own copy (``for_the_subject``: their access package)."""
    if not for_the_subject:
        from pendamping.processing import check_share

        check_share(context)
    response = HttpResponse(render_pdf(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
