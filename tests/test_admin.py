"""The admin pages (upload, audit log), child-level downloads and sign-on by header, over HTTP.

Hostile uploads go straight to the upload callback, as a script would send them, not through a
browser that might filter them first."""
from __future__ import annotations

import base64
import dataclasses
import io
import zipfile

import pytest

from data import db
from data.demo import DemoSpec, write_demo
from tests.conftest import demo_instance, import_outcomes, sign_in, snapshot


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    from app import create_app
    folder = tmp_path_factory.mktemp("admin")
    settings = demo_instance(folder, children=60, seed=4)
    return create_app(settings), settings, folder


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload-files")
    # The instance's own return, uploaded again: a return replaces its year's rows, so another
    # council's files would leave the later tests other data.
    write_demo(DemoSpec(children=60, seed=4), folder)
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _client(instance, role):
    app, settings, _ = instance
    return sign_in(app.server.test_client(), settings, role)


def _upload(client, files: dict[str, bytes], year=None):
    encoded = [f"data:application/octet-stream;base64,{base64.b64encode(b).decode()}" for b in files.values()]
    response = client.post("/_dash-update-component", json={
        "output": "upload-content.children", "outputs": {"id": "upload-content", "property": "children"},
        "inputs": [{"id": "upload-files", "property": "filename", "value": list(files)},
                   {"id": "upload-import", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["upload-import.n_clicks"],
        "state": [{"id": "upload-files", "property": "contents", "value": encoded},
                  {"id": "upload-year", "property": "value", "value": year}]})
    return response.status_code, response.get_data(as_text=True)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _engine(instance):
    return db.get_engine(instance[1].database_url)


def test_u001_an_admin_uploads_a_return_and_the_import_log_names_them(instance, demo_files):
    status, text = _upload(_client(instance, "admin"), demo_files)
    assert status == 200 and "succeeded" in text and "Rows by table" in text
    from sqlalchemy import select
    from data.schema import imports
    with _engine(instance).connect() as connection:
        last = connection.execute(select(imports).order_by(imports.c.id.desc())).first()
    assert (last.user_name, last.source, last.outcome) == ("test-admin", "upload page", "succeeded")
    assert "header.csv" in last.files


def test_u002_a_zip_of_the_return_imports_like_the_files(instance, demo_files):
    status, text = _upload(_client(instance, "admin"), {"return.zip": _zip(demo_files)})
    assert status == 200 and "succeeded" in text


@pytest.mark.parametrize("role", ["committee", "director", "manager"])
def test_u003_only_admins_may_upload(instance, demo_files, role):
    client = _client(instance, role)
    before = snapshot(_engine(instance))
    status, text = _upload(client, demo_files)
    assert status == 403 and "succeeded" not in text
    assert snapshot(_engine(instance)) == before


ZEROS = 201 * 1024 * 1024


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("header.csv", "w") as member:
            block = b"0" * (1024 * 1024)
            for _ in range(ZEROS // len(block)):
                member.write(block)
    return buffer.getvalue()


HOSTILE = {
    "not a CSV": ({"photo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 100}, "not a CSV, XML or zip file"),
    "binary named .csv": ({"header.csv": b"CHILD,SEX\x00\x01\x02\xff\xfe"}, "binary data"),
    "path traversal": ({"../../header.csv": b"CHILD\nA1\n"}, "no folder or '..'"),
    "backslash traversal": ({"..\\..\\header.csv": b"CHILD\nA1\n"}, "no folder or '..'"),
    "absolute path": ({"/etc/header.csv": b"CHILD\nA1\n"}, "no folder or '..'"),
    "traversal inside a zip": ({"return.zip": _zip({"../header.csv": b"CHILD\nA1\n"})}, "leaves the zip's folder"),
    "zip inside a zip": ({"return.zip": _zip({"inner.zip": _zip({"header.csv": b"x"})})}, "a zip inside a zip"),
    "over-long name": ({"h" * 300 + ".csv": b"CHILD\nA1\n"}, "file names may hold only"),
    "not really a zip": ({"return.zip": b"PK\x03\x04 not a zip"}, "not a readable zip file"),
    "formula injection": ({"eet_status.csv": b"CHILD,STATUS_DATE,ACTIV,ADVISER\r\n"
                                             b"A1,2024-01-01,G5,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n"},
                          "a spreadsheet would run it as a formula"),
}


@pytest.mark.parametrize("case", list(HOSTILE) + ["zip bomb"])
def test_u004_hostile_uploads_are_refused_clearly_and_nothing_is_stored(instance, case, tmp_path):
    files, message = HOSTILE[case] if case != "zip bomb" else ({"return.zip": _zip_bomb()}, "zip bomb")
    client = _client(instance, "admin")
    before, outcomes = snapshot(_engine(instance)), import_outcomes(_engine(instance))
    status, text = _upload(client, files)
    assert status == 200 and message in text and "Nothing was imported" in text.replace("nothing was imported",
                                                                                         "Nothing was imported")
    assert snapshot(_engine(instance)) == before
    assert import_outcomes(_engine(instance)) == outcomes + ["failed"]
    assert not (instance[2].parent / "header.csv").exists()


def test_u005_a_bomb_is_stopped_while_unpacking_not_after(instance):
    from data.ingest import uploads
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024  # 201 MB of zeros in well under 1 MB
    with pytest.raises(uploads.UploadRefused, match="zip bomb"):
        uploads.save_uploads([("return.zip", bomb)], instance[2] / "unused")


def test_u006_a_request_larger_than_the_limit_is_refused_unread(instance):
    client = _client(instance, "admin")
    response = client.post("/_dash-update-component", data=b"x" * (101 * 1024 * 1024),
                           content_type="application/json")
    assert response.status_code == 413


# --- audit log --------------------------------------------------------------------------------

def _audit_page(client, user="", child=""):
    return _audit_response(client, user, child).get_data(as_text=True)


def _audit_response(client, user="", child=""):
    return client.post("/_dash-update-component", json={
        "output": "audit-content.children", "outputs": {"id": "audit-content", "property": "children"},
        "inputs": [{"id": "audit-user", "property": "value", "value": user},
                   {"id": "audit-child", "property": "value", "value": child}],
        "changedPropIds": [], "state": []})


def test_a101_admins_read_the_audit_log_and_others_cannot(instance):
    manager = _client(instance, "manager")
    manager.get("/download/reviews-overdue.csv?period=2025-26")
    admin_view = _audit_page(_client(instance, "admin"), user="test-manager")
    assert "download: Review overdue (CSV)" in admin_view and "test-manager" in admin_view
    for role in ("committee", "director", "manager"):
        assert _audit_response(_client(instance, role)).status_code == 403
        assert _client(instance, role).get("/admin/audit-log.csv").status_code == 403


def test_a102_the_audit_log_export_is_a_safe_csv_and_is_itself_recorded(instance):
    admin = _client(instance, "admin")
    response = admin.get("/admin/audit-log.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.get_data(as_text=True).splitlines()[0] == "When,User,Role,What,Number of children,Children"
    assert "download: the audit log (CSV)" in _audit_page(admin, user="test-admin")


def test_a103_nothing_in_the_app_can_change_the_audit_log(instance):
    app = instance[0]
    writers = [rule.rule for rule in app.server.url_map.iter_rules()
               if "audit" in rule.rule and rule.methods & {"POST", "PUT", "PATCH", "DELETE"}]
    assert writers == []


def test_a104_searching_the_log_by_child_finds_who_viewed_that_child(instance):
    from data import store
    manager = _client(instance, "manager")
    csv = manager.get("/download/reviews-due-soon.csv").get_data(as_text=True)  # as at the latest data date
    child = csv.splitlines()[1].split(",")[0]
    assert child in set(store.dataset(instance[1]).header["child"])
    assert "test-manager" in _audit_page(_client(instance, "admin"), child=child)


# --- child-level downloads --------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["reviews-overdue", "reviews-due-soon", "escalations-open", "neet"])
def test_d101_child_lists_download_for_managers_only_and_each_download_is_recorded(instance, slug):
    from data import audit
    settings = instance[1]
    before = len(audit.entries(settings))
    response = _client(instance, "manager").get(f"/download/{slug}.csv?period=2025-26")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    newest = audit.entries(settings).iloc[0]
    assert len(audit.entries(settings)) == before + 1 and newest["What"].startswith("download:")
    for role in ("committee", "director", "admin"):
        assert _client(instance, role).get(f"/download/{slug}.csv?period=2025-26").status_code == 403
    assert instance[0].server.test_client().get(f"/download/{slug}.csv").status_code == 302


def test_d102_an_unknown_list_is_not_found(instance):
    assert _client(instance, "manager").get("/download/everyone.csv").status_code == 404


# --- single sign-on by header -----------------------------------------------------------------

@pytest.fixture(scope="module")
def sso_app(instance):
    from app import create_app
    from data import users
    settings = dataclasses.replace(instance[1], trusted_header="X-Remote-User")
    if "sso-manager" not in {u.name for u in users.listing(settings)}:
        users.add(settings, "sso-manager", "not used by sign-on", "manager")
    return create_app(settings)


def test_s001_a_name_from_the_proxy_signs_in_a_known_user_with_their_role(sso_app):
    from tests.test_access import _callback
    client = sso_app.server.test_client()
    client.environ_base["HTTP_X_REMOTE_USER"] = "sso-manager"
    assert client.get("/").status_code == 200
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    response = _callback(client, "neet")
    assert response.status_code == 200 and "Young people who are NEET, as at" in response.get_data(as_text=True)


@pytest.mark.parametrize("headers", [{}, {"X-Remote-User": "nobody-we-know"}, {"X-Remote-User": ""}])
def test_s002_no_name_or_an_unknown_name_is_refused(sso_app, headers):
    client = sso_app.server.test_client()
    response = client.get("/", headers=headers)
    assert response.status_code == 403 and "administrator to add you" in response.get_data(as_text=True)
    assert client.get("/_dash-layout", headers=headers).status_code == 401


def test_s003_the_header_is_ignored_when_sign_on_by_header_is_off(instance):
    client = instance[0].server.test_client()
    assert client.get("/", headers={"X-Remote-User": "test-manager"}).status_code == 302


def test_a105_an_admin_reading_the_audit_log_page_is_recorded(instance):
    from data import audit
    settings = instance[1]
    before = len(audit.entries(settings))
    _audit_page(_client(instance, "admin"), user="test-manager")
    newest = audit.entries(settings, limit=1).iloc[0]
    assert len(audit.entries(settings)) == before + 1
    assert (newest["User"], newest["Role"]) == ("test-admin", "admin")
    assert newest["What"].startswith("audit log page: read") and "user test-manager" in newest["What"]
