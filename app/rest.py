"""The REST API: ``GET /api/search``, ``/api/terms``, ``/api/context``, ``/api/documents``, ``/api/dossier``.

Plain FastAPI routes beside the page, outside Gradio's queue; the same JSON as the
CLI's ``--json``. Errors are 4xx ``{"error": "one line"}``. With ``--auth``, every
route needs HTTP Basic or the page's login cookie. To add a route, write one
function decorated with ``@router.get`` taking ``service: ServiceDep``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse

from app.service import MAX_CONTEXT, Service
from corpus.errors import SeminarSearchError
from search.engine import LANG_FILTERS, MAX_K, MODES

Mode = Literal[MODES]
LangFilter = Literal[LANG_FILTERS]


# Dependencies are async: a plain function would be run in the thread pool, one more hop per request.
async def _service(request: Request) -> Service:
    return request.app.state.service


async def _login(request: Request) -> None:
    check = request.app.state.login_check
    if check is not None:
        check(request)


ServiceDep = Annotated[Service, Depends(_service)]
router = APIRouter(prefix="/api", dependencies=[Depends(_login)])


# The quick routes (a search takes a few milliseconds) run on the event loop: handing them to the thread pool
# cost more than the search itself (one client: 16 ms a search instead of 4.6, same answers). The slow ones
# (dossier, terms with their concordance) stay plain functions, in the pool, so that they never hold the loop.
@router.get("/search", summary="Search the archive")
async def search(service: ServiceDep,
           q: Annotated[str, Query(min_length=1, description="query, in French, Korean or English")],
           lang: LangFilter = "all", k: Annotated[int, Query(ge=1, le=MAX_K)] = 10, mode: Mode = "hybrid",
           doc: Annotated[list[str], Query(description="restrict to these document ids (repeatable)")] = [],  # noqa: B006
           speaker: str = "", expand: bool = True,
           entity: Annotated[str, Query(description="restrict to a place, organisation or person")] = "",
           all_matches: Annotated[bool, Query(description="also the weaker candidates, after the others")] = False,
           ) -> JSONResponse:
    """Ranked passages: the JSON of `seminar-search search --json`."""
    return JSONResponse(service.search(q, lang, k, mode, doc, speaker, expand, entity, all_matches))


@router.get("/dossier", summary="Dossier of a place, organisation or person")
def dossier(service: ServiceDep,
            entity: Annotated[str, Query(min_length=1, description="a name in any language: Suwon, 수원, Jae Hyun Lee")]
            ) -> JSONResponse:
    """Events, speakers and roles, themes, key figures with their sources, partners and passages: the JSON of
    `seminar-search dossier NAME --json`."""
    return JSONResponse(service.dossier(entity))


@router.get("/terms", summary="Glossary look-up with concordance")
def terms(service: ServiceDep, term: Annotated[str, Query(min_length=1)]) -> JSONResponse:
    """Glossary entries for a French, Korean or English term: the JSON of `seminar-search terms --json`."""
    return JSONResponse(service.terms(term))


@router.get("/context", summary="A passage and its neighbours")
async def context(service: ServiceDep, id: Annotated[str, Query(min_length=1, description="passage id from a search")],
            before: Annotated[int, Query(ge=0, le=MAX_CONTEXT)] = 1,
            after: Annotated[int, Query(ge=0, le=MAX_CONTEXT)] = 1) -> JSONResponse:
    """The passage and its neighbours in the same document, in order."""
    return JSONResponse(service.context(id, before, after))


@router.get("/documents", summary="The indexed documents")
def documents(service: ServiceDep) -> JSONResponse:
    """Metadata of each indexed document and its passage counts per language."""
    return JSONResponse(service.documents())


def add_api(server: FastAPI, service: Service, login_check=None) -> None:
    """The routes, their one-line errors and the local documentation page on ``server``."""
    server.state.service, server.state.login_check = service, login_check
    server.include_router(router)
    server.add_exception_handler(SeminarSearchError, _domain_error)
    server.add_exception_handler(RequestValidationError, _validation_error)
    server.add_exception_handler(HTTPException, _http_error)
    server.add_api_route("/api/docs", _docs_page, include_in_schema=False, response_class=HTMLResponse)
    server.add_api_route("/api/openapi.json", _openapi, include_in_schema=False)


async def _domain_error(_request, error: SeminarSearchError) -> JSONResponse:
    return JSONResponse({"error": str(error)}, status_code=400)


async def _validation_error(_request, error: RequestValidationError) -> JSONResponse:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    return JSONResponse({"error": f"invalid {where}: {first.get('msg', 'invalid value')}"}, status_code=422)


async def _http_error(_request, error: HTTPException) -> JSONResponse:
    return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)


async def _openapi(request: Request) -> JSONResponse:
    await _login(request)
    return JSONResponse(request.app.openapi())


async def _docs_page(request: Request) -> HTMLResponse:
    from app.apidocs import api_docs_html

    await _login(request)
    return HTMLResponse(api_docs_html(request.app.openapi()))
