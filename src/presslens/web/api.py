"""The JSON API (``/api/…``): analyse, read documents, search, outlet profiles, statistics,
corrections and agreement. The same numbers as the HTML charts: both call ``presslens.web.views``.

Writes need ``Authorization: Bearer <token>``; reads are open. Errors are ``{"detail": "…"}``
with one line naming the cause (see ``presslens.web.errors`` for the status of each).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

from presslens.errors import PressLensError
from presslens.web import views
from presslens.web.analysis import analyse_and_store, clean_outlet
from presslens.web.corrections import ACTIONS, CorrectionError
from presslens.web.intake import page_from_text, page_from_upload, page_from_url
from presslens.web.queries import MAX_ID, QueryError
from presslens.web.state import AppState

router = APIRouter(prefix="/api", tags=["api"])

ANALYSE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "article text"},
                        "url": {"type": "string", "format": "uri", "description": "http(s) URL"},
                        "outlet": {"type": "string", "maxLength": 200},
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "outlet": {"type": "string"},
                    },
                    "required": ["file"],
                }
            },
        },
    }
}


class Created(BaseModel):
    id: str = Field(description="the document id (sha256 of the input bytes)")
    url: str = Field(description="the HTML document page")


class Correction(BaseModel):
    action: str = Field(description=" / ".join(ACTIONS))
    annotation_id: str | None = Field(None, description="id of the span or claim (not for add)")
    label: str | None = Field(None, description="technique for relabel / add")
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)


def state_of(request: Request) -> AppState:
    return request.app.state.pl


def writer(request: Request) -> str:
    """The token holder of this write request; 401 otherwise."""
    who = state_of(request).tokens.bearer(request.headers.get("authorization"))
    if who is None:
        raise HTTPException(
            401,
            "a valid token is required: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return who


def bad(exc: Exception) -> HTTPException:
    return HTTPException(422, str(exc))


@router.post(
    "/documents",
    status_code=201,
    response_model=Created,
    openapi_extra=ANALYSE_BODY,
    responses={401: {}, 413: {}, 415: {}, 422: {}, 429: {}, 504: {}},
)
async def post_document(request: Request) -> JSONResponse:
    """Analyse pasted text, a URL (JSON) or an uploaded file (multipart field ``file``)."""
    writer(request)
    state = state_of(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise HTTPException(422, "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise HTTPException(422, 'the body must be a JSON object with "text" or "url"')
        text, url, outlet = body.get("text"), body.get("url"), body.get("outlet")
        if not isinstance(outlet, str | None):
            raise HTTPException(422, '"outlet" must be a string')
        if isinstance(text, str) and text.strip() and not url:
            page = page_from_text(text, state.settings)
            make, label = (lambda: page), page.uri
        elif isinstance(url, str) and url.strip() and not text:
            if not url.lower().startswith(("http://", "https://")):
                raise HTTPException(422, f"{url[:100]!r}: only http(s) URLs can be analysed")
            make, label = (lambda: page_from_url(url, state.settings)), url[:200]
        else:
            raise HTTPException(422, 'give exactly one of "text" (non-empty) or "url"')
    elif ctype == "multipart/form-data":
        form = await request.form()
        upload, outlet = form.get("file"), form.get("outlet")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "multipart upload needs a file in the field 'file'")
        data = await upload.read(state.settings.max_bytes + 1)
        page = page_from_upload(upload.filename, data, upload.content_type, state.settings)
        make, label = (lambda: page), page.uri
        outlet = outlet if isinstance(outlet, str) else None
    else:
        raise HTTPException(
            415, f"content type {ctype or 'none'!r}: send application/json or multipart/form-data"
        )
    try:
        name = clean_outlet(outlet)
    except ValueError as exc:
        raise bad(exc) from None
    doc_id = await analyse_and_store(state, make, name, label)
    return JSONResponse({"id": doc_id, "url": f"/documents/{doc_id}"}, status_code=201)


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Liveness, whether the statistics are precomputed, and the analysis queue's load."""
    state = state_of(request)
    return {
        "status": "ok",
        "warm": bool(state.warmer and state.warmer.ready.is_set()),
        "analyses": state.runner.admitted,
        "capacity": state.runner.capacity,
    }


@router.get("/documents/{doc_id}", responses={404: {}})
def get_document(doc_id: str, request: Request) -> dict[str, Any]:
    """The stored document as contract JSON."""
    return views.document_or_404(state_of(request), doc_id).to_dict()


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    collection: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    technique: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    min_claim_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Full-text search with filters; snippets are plain text (the HTML page highlights)."""
    try:
        page = views.search(
            state_of(request),
            q,
            outlet=outlet,
            collection=collection,
            since=since,
            until=until,
            language=language,
            technique=technique,
            entity=entity,
            min_claim_score=min_claim_score,
            limit=limit,
            offset=offset,
        )
    except (QueryError, PressLensError) as exc:
        raise bad(exc) from None
    return {
        "results": [
            {
                "id": h.id,
                "title": h.title,
                "outlet": h.outlet,
                "published": h.published,
                "snippet": h.snippet,
            }
            for h in page.results
        ],
        "total": page.total,
    }


@router.get("/outlets")
def outlets(request: Request) -> dict[str, Any]:
    """Every outlet with its document count and collections."""
    state = state_of(request)
    return {"outlets": views.outlets(state), "collections": views.collections(state)}


@router.get("/outlets/{outlet_id}/profile", responses={404: {}})
def outlet_profile(
    outlet_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
    request: Request,
    peer: Annotated[list[str] | None, Query(max_length=4)] = None,
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    reprints: bool = False,
) -> dict[str, Any]:
    """Technique rates, sourcing, hedging, vague sources and top entity clusters over time,
    beside the whole corpus and the chosen peers (``peer=outlet:2``)."""
    try:
        return views.profile(state_of(request), outlet_id, peer or [], by, since, until, reprints)
    except QueryError as exc:
        raise bad(exc) from None


@router.get("/stats/series")
def stats_series(
    request: Request,
    metric: Annotated[str, Query(max_length=220)] = "techniques",
    group: Annotated[list[str] | None, Query(max_length=5)] = None,
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    reprints: bool = False,
) -> dict[str, Any]:
    """One metric for 1–5 groups (``outlet:<id>``, ``collection:<id>``, ``corpus``) per period:
    count, total and ratio — the numbers behind every chart."""
    try:
        comp = views.comparison(
            state_of(request), metric, group or ["corpus"], by, since, until, reprints
        )
    except QueryError as exc:
        raise bad(exc) from None
    return views.comparison_json(comp)


@router.get("/stats/series.csv", response_class=PlainTextResponse)
def stats_series_csv(
    request: Request,
    metric: Annotated[str, Query(max_length=220)] = "techniques",
    group: Annotated[list[str] | None, Query(max_length=5)] = None,
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    reprints: bool = False,
    wide: bool = False,
) -> PlainTextResponse:
    """The same series as CSV (long: one row per group and period; ``wide=true``: one row per
    period with count/total/ratio columns per group)."""
    try:
        comp = views.comparison(
            state_of(request), metric, group or ["corpus"], by, since, until, reprints
        )
    except QueryError as exc:
        raise bad(exc) from None
    return views.csv_response(comp, wide)


@router.get("/documents/{doc_id}/corrections", responses={404: {}})
def list_corrections(doc_id: str, request: Request) -> dict[str, Any]:
    """Every correction of a document, oldest first."""
    state = state_of(request)
    views.document_or_404(state, doc_id)
    return {"corrections": views.corrections_json(state, doc_id)}


@router.post("/documents/{doc_id}/corrections", status_code=201, responses={401: {}, 404: {}})
def post_correction(doc_id: str, body: Correction, request: Request) -> dict[str, Any]:
    """Store one correction (accept / reject / relabel / resize / add a technique span,
    checkworthy / not_checkworthy for a claim) under the token holder's name."""
    who = writer(request)
    state = state_of(request)
    try:
        cid = views.correct(state, doc_id, who, **body.model_dump())
    except CorrectionError as exc:
        raise bad(exc) from None
    return {"id": cid, "author": who}


@router.get("/documents/{doc_id}/agreement", responses={404: {}})
def get_agreement(
    doc_id: str,
    request: Request,
    a: Annotated[str, Query(max_length=200)],
    b: Annotated[str, Query(max_length=200)],
) -> dict[str, Any]:
    """Span F1 and Cohen's kappa per technique between two people's corrected spans."""
    return views.agreement_for(state_of(request), doc_id, a, b)
