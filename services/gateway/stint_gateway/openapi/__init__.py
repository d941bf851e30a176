"""The published OpenAPI document, exact about what the gateway answers: every status a
route can give (problems as problem+json), who may call it, the headers the gateway's
own layers read, the links between operations; and the methods of each path answered
as the document lists them (``OPTIONS``, and ``405`` with ``Allow``)."""

from stint_gateway.openapi.document import install_openapi

__all__ = ["install_openapi"]
