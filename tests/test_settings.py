import re

import pytest

from data.settings import ENV_SETTINGS, OTHER_ENV, PROJECT_ROOT, load_settings


def test_defaults_work_out_of_the_box():
    settings = load_settings({})
    assert settings.council_name
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("iro.sqlite")
    assert settings.suppression_threshold == 4
    assert settings.measure_rules["review_timeliness"].green == 0.95
    assert settings.measure_rules["review_timeliness"].amber == 0.87


def test_environment_overrides_defaults():
    settings = load_settings({"DATABASE_URL": "postgresql+psycopg://x@h/db", "IRO_POPULATION_0_17": "61000",
                              "IRO_POSTCODE_DISTRICTS": "ab1, AB2", "IRO_TERM_CHILDREN_IN_CARE": "our children"})
    assert settings.database_url == "postgresql+psycopg://x@h/db"
    assert settings.population_0_17 == 61000
    assert settings.postcode_districts == ("AB1", "AB2")
    assert settings.children_in_care == "our children"


def test_council_file_is_laid_over_defaults(tmp_path):
    own = tmp_path / "council.toml"
    own.write_text('[council]\nname = "Anyshire"\n[measures.review_timeliness]\ngreen = 0.97\n')
    settings = load_settings({"IRO_SETTINGS_FILE": str(own)})
    assert settings.council_name == "Anyshire"
    assert settings.measure_rules["review_timeliness"].green == 0.97
    assert settings.measure_rules["review_timeliness"].amber == 0.87  # untouched default


def test_a_bad_number_is_a_clear_error():
    with pytest.raises(ValueError, match="IRO_POPULATION_0_17 must be a whole number"):
        load_settings({"IRO_POPULATION_0_17": "lots"})


def test_every_environment_setting_is_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text()
    names = [s.env for s in ENV_SETTINGS] + [name for name, _ in OTHER_ENV]
    missing = [name for name in names if not re.search(rf"`{name}`", readme)]
    assert not missing, f"README.md does not document: {missing}"


@pytest.mark.parametrize("value, message", [("soon", "IRO_SESSION_IDLE_MINUTES must be a number"),
                                            ("0", "access.session_idle_minutes must be more than 0")])
def test_session_limits_must_be_positive_numbers(value, message):
    with pytest.raises(ValueError, match=message):
        load_settings({"IRO_SESSION_IDLE_MINUTES": value})
