"""Server-rendered HTML pages (Jinja2, autoescaped): readable with scripts off.

Forms that write (analyse, corrections, logout) carry the session's CSRF token and need a
logged-in session (the user typed a token once at ``/login``); the API uses bearer tokens.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from presslens.errors import PressLensError
from presslens.render.report import REPORT_CSP, render_report, report_parts
from presslens.semeval.t11 import TECHNIQUES
from presslens.web import queries as Q
from presslens.web import views
from presslens.web.analysis import analyse_and_store, clean_outlet
from presslens.web.auth import Session, csrf_ok
from presslens.web.charts import Point, Series, bar_chart, line_chart
from presslens.web.corrections import (
    CorrectionError,
    apply,
    authors,
    claim_verdicts,
    corrections_for,
    model_spans,
)
from presslens.web.intake import page_from_text, page_from_upload, page_from_url
from presslens.web.state import AppState

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
SEARCH_PAGE = 20  # results per page
SAFE_SCHEMES = ("http://", "https://")


def safe_url(value: Any) -> str:
    """An http(s) URL as given, else empty: other schemes (javascript:, data:) never link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(SAFE_SCHEMES) else ""


templates.env.filters["safe_url"] = safe_url


def highlight(hit: Any, q: str) -> Markup:
    """A search hit's snippet, escaped piece by piece, with the store's matched spans marked
    (or, for a hit without spans, the query's words marked on the escaped text)."""
    if getattr(hit, "highlights", None):
        return Markup(
            "".join(
                f"<mark>{escape(t)}</mark>" if is_hit else str(escape(t))
                for t, is_hit in hit.segments()
            )
        )
    text = str(escape(getattr(hit, "snippet", "") or ""))
    words = sorted({w for w in re.findall(r"\w{2,}", q or "")}, key=len, reverse=True)[:8]
    if words:
        pattern = re.compile("|".join(re.escape(str(escape(w))) for w in words), re.IGNORECASE)
        text = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text)
    return Markup(text)


def _state(request: Request) -> AppState:
    return request.app.state.pl


def _session(request: Request) -> Session:
    return request.state.session


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = _session(request)
    context.update(request=request, who=session.who, csrf=session.csrf)
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    if not hasattr(request.state, "session"):  # refused before the session middleware ran
        return HTMLResponse(f"<p>{escape(detail)}</p>", status_code=status, headers=headers)
    response = render(request, "error.html", status=status, status_code=status, detail=detail)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _require_writer(request: Request, csrf: str) -> str:
    session = _session(request)
    if not csrf_ok(session, csrf):
        raise HTTPException(403, "the form has expired or came from elsewhere; reload the page")
    if session.who is None:
        raise HTTPException(401, "log in with your token first (/login)")
    return session.who


# --------------------------------------------------------------------------------- pages


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    state = _state(request)
    recent = Q.recent_documents(state.store.engine, 10)
    return render(request, "index.html", recent=recent, outlets=views.outlets(state))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", failed=False)


@router.post("/login")
def login(
    request: Request, token: Annotated[str, Form(max_length=500)], csrf: Annotated[str, Form()]
) -> Response:
    session = _session(request)
    if not csrf_ok(session, csrf):
        raise HTTPException(403, "the form has expired or came from elsewhere; reload the page")
    who = _state(request).tokens.who(token.strip())
    if who is None:
        return render(request, "login.html", status=401, failed=True)
    request.state.session = Session(csrf=_state(request).codec.new().csrf, who=who)
    request.state.session_dirty = True
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    if not csrf_ok(_session(request), csrf):
        raise HTTPException(403, "the form has expired or came from elsewhere; reload the page")
    request.state.session = _state(request).codec.new()
    request.state.session_dirty = True
    return RedirectResponse("/", status_code=303)


@router.post("/analyse")
async def analyse(
    request: Request,
    csrf: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    file: UploadFile | None = None,
) -> Response:
    _require_writer(request, csrf)
    state = _state(request)
    if file is not None and file.filename:
        data = await file.read(state.settings.max_bytes + 1)
        page = page_from_upload(file.filename, data, file.content_type, state.settings)
        make, label = (lambda: page), page.uri
    elif url.strip():
        target = url.strip()
        if not safe_url(target):
            raise HTTPException(422, "only http:// and https:// URLs can be analysed")
        make, label = (lambda: page_from_url(target, state.settings)), target[:200]
    elif text.strip():
        page = page_from_text(text, state.settings)
        make, label = (lambda: page), page.uri
    else:
        raise HTTPException(422, "paste some text, choose a file or give a URL")
    try:
        name = clean_outlet(outlet)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    doc_id = await analyse_and_store(state, make, name, label)
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, view: str = "") -> HTMLResponse:
    state = _state(request)
    doc = views.document_or_404(state, doc_id)
    engine = state.store.engine
    rows = corrections_for(engine, doc.id)
    people = authors(rows)
    spans = model_spans(doc)
    viewer = view if view in people else (_session(request).who or None)
    current = apply(spans, rows, viewer) if viewer else spans
    by_id = {sp.id: sp for sp in current}
    claims = [
        {
            "id": str(c.get("id", f"claims-{i}")),
            "text": doc.text[c["start"] : c["end"]],
            "score": c.get("checkworthiness"),
            "label": c.get("label"),
        }
        for i, c in enumerate(doc.layers.get("claims", []))
        if isinstance(c.get("start"), int)
    ]
    return render(
        request,
        "document.html",
        doc=doc,
        parts=report_parts(doc),
        outlet=Q.document_outlet(engine, doc.id),
        copies=Q.syndicated_copies(engine, doc.id),
        elsewhere=Q.claim_links(engine, doc.id),
        spans=[
            {"model": sp, "now": by_id.get(sp.id), "text": doc.text[sp.start : sp.end]}
            for sp in spans
        ],
        added=[
            {"now": sp, "text": doc.text[sp.start : sp.end]}
            for sp in current
            if sp.status == "added"
        ],
        claims=claims[:200],
        verdicts=claim_verdicts(rows, viewer),
        corrections=rows[-50:],
        people=people,
        viewer=viewer,
        techniques=TECHNIQUES,
    )


@router.get("/documents/{doc_id}/report.html")
def document_report(request: Request, doc_id: str) -> HTMLResponse:
    """The self-contained file report of a stored document, as a download."""
    doc = views.document_or_404(_state(request), doc_id)
    return HTMLResponse(
        render_report(doc),
        headers={
            "Content-Security-Policy": REPORT_CSP,
            "Content-Disposition": f'attachment; filename="presslens-{doc.id[:12]}.html"',
        },
    )


@router.post("/documents/{doc_id}/corrections")
def correct_form(
    request: Request,
    doc_id: str,
    csrf: Annotated[str, Form()],
    action: Annotated[str, Form(max_length=20)],
    annotation_id: Annotated[str, Form(max_length=80)] = "",
    label: Annotated[str, Form(max_length=200)] = "",
    start: Annotated[str, Form(max_length=12)] = "",
    end: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    who = _require_writer(request, csrf)
    try:
        s = int(start) if start.strip() else None
        e = int(end) if end.strip() else None
    except ValueError:
        raise HTTPException(422, "start and end must be whole numbers") from None
    try:
        views.correct(
            _state(request),
            doc_id,
            who,
            action=action,
            annotation_id=annotation_id or None,
            label=label or None,
            start=s,
            end=e,
        )
    except CorrectionError as exc:
        raise HTTPException(422, str(exc)) from None
    return RedirectResponse(f"/documents/{doc_id}#corrections", status_code=303)


@router.get("/documents/{doc_id}/agreement", response_class=HTMLResponse)
def agreement_page(
    request: Request,
    doc_id: str,
    a: Annotated[str, Query(max_length=200)] = "",
    b: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    state = _state(request)
    doc = views.document_or_404(state, doc_id)
    people = authors(corrections_for(state.store.engine, doc.id))
    if not a and len(people) >= 2:
        a, b = people[0], people[1]
    result = views.agreement_for(state, doc_id, a, b) if a and b else None
    return render(request, "agreement.html", doc=doc, people=people, a=a, b=b, result=result)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    collection: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    language: Annotated[str, Query(max_length=16)] = "",
    technique: Annotated[str, Query(max_length=200)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    min_claim_score: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=5000)] = 1,
) -> HTMLResponse:
    state = _state(request)
    score = _score(min_claim_score)  # a form sends the empty field as "", not as absent
    filters = dict(
        outlet=outlet,
        collection=collection,
        since=since,
        until=until,
        language=language,
        technique=technique,
        entity=entity,
        min_claim_score=score,
    )
    searched = bool(q or any(v not in ("", None) for v in filters.values()))
    result, error = None, None
    if searched:
        try:
            result = views.search(
                state, q, limit=SEARCH_PAGE, offset=(page - 1) * SEARCH_PAGE, **filters
            )
        except (Q.QueryError, PressLensError) as exc:
            error = str(exc)
    params = {k: v for k, v in {"q": q, **filters}.items() if v not in ("", None)}
    pages = -(-result.total // SEARCH_PAGE) if result else 0
    return render(
        request,
        "search.html",
        q=q,
        f=filters,
        result=result,
        error=error,
        page=page,
        pages=pages,
        prev_url=f"/search?{urlencode({**params, 'page': page - 1})}" if page > 1 else "",
        next_url=f"/search?{urlencode({**params, 'page': page + 1})}" if page < pages else "",
        snippet=lambda hit: highlight(hit, q),
        outlets=views.outlets(state),
        collections=views.collections(state),
        techniques=views.technique_labels(state),
    )


def _score(text: str) -> float | None:
    """A claim-score filter from a form field: empty → no filter; else a number in [0, 1]."""
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise HTTPException(422, f"claim score {text[:10]!r} is not a number") from None
    if not 0 <= value <= 1:
        raise HTTPException(422, f"claim score {value:g} is not between 0 and 1")
    return value


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    state = _state(request)
    return render(
        request, "outlets.html", outlets=views.outlets(state), collections=views.collections(state)
    )


@router.get("/outlets/{outlet_id}", response_class=HTMLResponse)
def profile_page(
    request: Request,
    outlet_id: Annotated[int, PathParam(ge=1, le=Q.MAX_ID)],
    peer: Annotated[list[str] | None, Query(max_length=3)] = None,
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    reprints: bool = False,
) -> HTMLResponse:
    state = _state(request)
    peers = [p for p in (peer or []) if p]
    try:
        data = views.profile(state, outlet_id, peers, by, since or None, until or None, reprints)
    except Q.QueryError as exc:
        raise HTTPException(422, str(exc)) from None
    charts = []
    for name, comp in data["metrics"].items():
        series = _series_from_json(comp)
        params = [
            ("metric", name),
            *[("group", g) for g in data["groups"]],
            ("by", by),
            ("since", since),
            ("until", until),
        ]
        if reprints:
            params.append(("reprints", "true"))
        charts.append(
            {
                "title": comp["title"],
                "svg": Markup(line_chart(series, title=comp["title"], y_label=comp["unit"])),
                "csv": "/api/stats/series.csv?" + urlencode([(k, v) for k, v in params if v]),
                "overall": comp["series"],
                "unit": comp["unit"],
            }
        )
    bars = [(p["period"], p["ratio"] or 0.0) for p in data["techniques"]["outlet"]]
    over_time = data["entities_over_time"]
    entity_svg = Markup(
        line_chart(
            _series_from_json(over_time),
            title="Top entity clusters over time",
            y_label=over_time["unit"],
        )
    )
    return render(
        request,
        "profile.html",
        data=data,
        charts=charts,
        technique_svg=Markup(
            bar_chart(bars, title="Technique spans per 1,000 words", unit="per 1,000 words")
        ),
        corpus_rates={p["period"]: p["ratio"] for p in data["techniques"]["corpus"]},
        entity_svg=entity_svg,
        corpus_entities={p["period"]: p["ratio"] for p in data["entities"]["corpus"]},
        outlets=views.outlets(state),
        peers=peers,
        by=by,
        since=since,
        until=until,
        reprints=reprints,
    )


def _series_from_json(comp: dict[str, Any]) -> list[Series]:
    return [Series(s["name"], [Point(**p) for p in s["points"]]) for s in comp["series"]]


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    group: Annotated[list[str] | None, Query(max_length=5)] = None,
    metric: Annotated[str, Query(max_length=220)] = "techniques",
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    raw: bool = False,
    reprints: bool = False,
) -> HTMLResponse:
    state = _state(request)
    groups = [g for g in (group or []) if g]
    comp, error = None, None
    if groups:
        try:
            comp = views.comparison(
                state, metric, groups, by, since or None, until or None, reprints
            )
        except Q.QueryError as exc:
            error = str(exc)
    svg, csv_url = None, ""
    if comp:
        y_label = "count" if raw else comp.metric.unit
        svg = Markup(line_chart(comp.series, title=comp.metric.title, y_label=y_label, raw=raw))
        params = [
            ("metric", metric),
            *[("group", g) for g in groups],
            ("by", by),
            ("since", since),
            ("until", until),
            ("wide", "true"),
        ]
        if reprints:
            params.append(("reprints", "true"))
        csv_url = "/api/stats/series.csv?" + urlencode([(k, v) for k, v in params if v])
    return render(
        request,
        "compare.html",
        comp=comp,
        error=error,
        svg=svg,
        csv_url=csv_url,
        groups=groups + [""] * (Q.MAX_GROUPS - len(groups)),
        metric=metric,
        metrics=Q.METRICS,
        techniques=views.technique_labels(state),
        outlets=views.outlets(state),
        collections=views.collections(state),
        by=by,
        since=since,
        until=until,
        raw=raw,
        reprints=reprints,
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference rendered from the OpenAPI schema (no Swagger UI: it needs script)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                f"{p['name']} ({p.get('in')}{', required' if p.get('required') else ''})"
                for p in op.get("parameters", [])
            ]
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "responses": sorted(op.get("responses", {})),
                }
            )
    return render(request, "apidocs.html", ops=ops, version=schema["info"]["version"])
