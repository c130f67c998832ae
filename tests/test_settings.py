import pytest

from verifier import ConfigError, Settings


def test_defaults_use_sqlite_in_the_user_data_dir() -> None:
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("verifier.db")
    assert settings.allow_private_addresses is False


@pytest.mark.parametrize(
    ("env", "field", "expected"),
    [
        ({"VERIFIER_DATABASE_URL": "postgresql+psycopg://u@h/db"}, "database_url", "postgresql+psycopg://u@h/db"),
        ({"VERIFIER_FETCH_TIMEOUT": "2.5"}, "fetch_timeout", 2.5),
        ({"VERIFIER_FETCH_MAX_BYTES": "1000"}, "fetch_max_bytes", 1000),
        ({"VERIFIER_ALLOW_PRIVATE_ADDRESSES": "yes"}, "allow_private_addresses", True),
        ({"VERIFIER_ALLOW_PRIVATE_ADDRESSES": "0"}, "allow_private_addresses", False),
        ({}, "date_order", "DMY"),
        ({"VERIFIER_DATE_ORDER": "mdy"}, "date_order", "MDY"),
    ],
)
def test_environment_overrides(env: dict[str, str], field: str, expected: object) -> None:
    assert getattr(Settings.from_env(env), field) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"VERIFIER_FETCH_TIMEOUT": "soon"},
        {"VERIFIER_FETCH_MAX_BYTES": "-1"},
        {"VERIFIER_ALLOW_PRIVATE_ADDRESSES": "maybe"},
        {"VERIFIER_DATE_ORDER": "YMD"},
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match=next(iter(env))):
        Settings.from_env(env)


# Values that read as numbers but cannot bound anything (issue 11, item 10).
@pytest.mark.parametrize("raw", ["inf", "-inf", "nan", "NaN", "1e999", "infinity", "0"])
def test_a_fetch_timeout_must_be_a_finite_positive_number(raw: str) -> None:
    with pytest.raises(ConfigError, match="VERIFIER_FETCH_TIMEOUT"):
        Settings.from_env({"VERIFIER_FETCH_TIMEOUT": raw})


@pytest.mark.parametrize(
    "field", [{"fetch_timeout": float("inf")}, {"fetch_timeout": float("nan")}, {"fetch_timeout": 0.0}, {"fetch_max_bytes": 0}, {"max_input_chars": -5}]
)
def test_settings_made_in_code_are_checked_too(field: dict[str, float]) -> None:
    with pytest.raises(ConfigError, match=next(iter(field))):
        Settings(**field)  # type: ignore[arg-type]
