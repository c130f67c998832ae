"""One exception tree for everything the verifier can refuse or fail at.

Every message says what went wrong and what the person can do about it; third-party errors are
translated at the edge and chained with ``raise ... from exc``.

    VerifierError
    ├── InputError              bad input from the editor: empty, binary, undecodable, too large
    │   └── SourceFormatError   a reference file that cannot be read (bad header, malformed JSONL)
    ├── FetchError              a URL could not be fetched
    │   ├── BlockedURLError     scheme or address refused (private, loopback, link-local)
    │   ├── FetchTimeoutError   the server took too long
    │   └── TooLargeError       the body is over the size cap
    ├── StoreError              the reference library could not be read or written
    │   ├── DuplicateReportError  the report is already in the library
    │   └── NotFoundError       no such report / check
    └── ConfigError             a setting has a value that cannot be used
"""

from __future__ import annotations


class VerifierError(Exception):
    """Base of every error the verifier raises on purpose."""

    code = "V000"

    def __str__(self) -> str:
        return super().__str__()


class InputError(VerifierError):
    code = "V100"


class SourceFormatError(InputError):
    code = "V110"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class FetchError(VerifierError):
    code = "V200"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class BlockedURLError(FetchError):
    code = "V210"


class FetchTimeoutError(FetchError):
    code = "V220"


class TooLargeError(FetchError):
    code = "V230"


class StoreError(VerifierError):
    code = "V300"


class DuplicateReportError(StoreError):
    code = "V310"

    def __init__(self, message: str, *, existing_id: int | None = None) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class NotFoundError(StoreError):
    code = "V320"


class ConfigError(VerifierError):
    code = "V400"
