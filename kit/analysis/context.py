"""What every result carries for its view, and where a client's data files are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kit import paths
from kit.inputs import inside
from kit.profile import ClientInfo


@dataclass(frozen=True, slots=True)
class Context:
    """How a result is shown: the client's language, currency and brand colour."""

    lang: str
    currency: str
    brand_colour: str

    @classmethod
    def of(cls, client: ClientInfo) -> Context:
        """The client's own settings."""
        return cls(client.language, client.currency, client.brand_colour)


def client_file(client: ClientInfo, relative: str) -> Path:
    """A data file of this client, resolved inside the client's folder (a DataError
    otherwise). Batch runs execute in the client's folder; a live workshop notebook runs
    from workbooks/, so there the folder is found by client id."""
    folder = paths.clients_dir() / client.slug if client.slug else Path.cwd()
    if (Path.cwd() / relative).exists() or not folder.is_dir():
        folder = Path.cwd()
    return inside(folder, relative, client.language)
