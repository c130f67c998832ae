"""The public API is listed once; every listed name exists and nothing public is left unlisted."""

import verifier


def test_all_names_exist() -> None:
    for name in verifier.__all__:
        assert hasattr(verifier, name), name


def test_all_is_sorted_and_unique() -> None:
    assert len(set(verifier.__all__)) == len(verifier.__all__)


def test_public_callables_are_listed() -> None:
    public = {
        name
        for name, value in vars(verifier).items()
        if not name.startswith("_") and callable(value) and getattr(value, "__module__", "").startswith("verifier.")
    }
    assert public <= set(verifier.__all__), public - set(verifier.__all__)
