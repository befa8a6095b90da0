"""Service accounts and their IP access lists, at organization and at project level."""

import pytest

from sim_helpers import ORG, PROJECT, SA, assert_atlas_error

V = "2024-08-05"
ORG_LIST = f"{ORG}/serviceAccounts/{SA}/accessList"
PROJECT_LIST = f"{PROJECT}/serviceAccounts/{SA}/accessList"


def keys(body):
    return [entry.get("ipAddress") or entry.get("cidrBlock") for entry in body["results"]]


def test_the_seeded_org_access_list(atlas):
    body = atlas.get(ORG_LIST, V).json()
    assert keys(body) == ["203.0.113.10", "198.51.100.0/24"]
    assert body["totalCount"] == 2
    assert all("createdAt" in entry and entry["requestCount"] == 0 for entry in body["results"])


def test_the_seeded_project_access_list_is_its_own(atlas):
    assert keys(atlas.get(PROJECT_LIST, V).json()) == ["203.0.113.11", "192.0.2.0/24"]


@pytest.mark.parametrize("path", [ORG_LIST, PROJECT_LIST])
def test_add_entries_answers_the_whole_list_and_ignores_ones_present(atlas, path):
    before = keys(atlas.get(path, V).json())
    added = [{"ipAddress": "192.0.2.77"}, {"cidrBlock": "10.10.0.0/16"}, {"ipAddress": "2001:db8::1"}]
    response = atlas.post(path, V, json=added + [{"ipAddress": before[0]}])
    assert response.status_code == 200
    assert keys(response.json()) == before + ["192.0.2.77", "10.10.0.0/16", "2001:db8::1"]


def test_up_to_200_entries_per_request(atlas):
    entries = [{"ipAddress": f"10.0.{i // 250}.{i % 250 + 1}"} for i in range(200)]
    assert atlas.post(ORG_LIST, V, json=entries, params={"itemsPerPage": 500}).json()["totalCount"] == 202
    too_many = entries + [{"ipAddress": "10.9.9.9"}]
    assert_atlas_error(atlas.post(ORG_LIST, V, json=too_many), 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"ipAddress": "192.0.2.1", "cidrBlock": "192.0.2.0/24"}, "[0]"),
        ({}, "[0]"),
        ({"ipAddress": "300.1.1.1"}, "[0].ipAddress"),
        ({"cidrBlock": "192.0.2.5/24"}, "[0].cidrBlock"),
    ],
)
def test_each_entry_is_an_address_xor_a_cidr_block(atlas, entry, field):
    body = assert_atlas_error(atlas.post(ORG_LIST, V, json=[entry]), 400, "INVALID_ATTRIBUTE")
    assert body["badRequestDetail"]["fields"][0]["field"] == field


def test_delete_an_address_and_a_cidr_block_with_its_slash_encoded_once(atlas, control):
    assert atlas.delete(f"{ORG_LIST}/203.0.113.10", V).status_code == 204
    assert atlas.delete(f"{ORG_LIST}/198.51.100.0%2F24", V).status_code == 204
    assert atlas.get(ORG_LIST, V).json()["results"] == []
    assert [e["path"] for e in control.get("requests") if e["method"] == "DELETE"][-1].endswith("/198.51.100.0%2F24")


def test_a_slash_sent_raw_is_another_path(atlas):
    assert_atlas_error(atlas.delete(f"{ORG_LIST}/198.51.100.0/24", V), 404, "RESOURCE_NOT_FOUND")


def test_a_slash_encoded_twice_is_not_an_address(atlas):
    assert_atlas_error(atlas.delete(f"{ORG_LIST}/198.51.100.0%252F24", V), 400, "VALIDATION_ERROR")


def test_delete_a_compressed_ipv6_address(atlas):
    atlas.post(PROJECT_LIST, V, json=[{"ipAddress": "2001:db8::1"}])
    assert atlas.delete(f"{PROJECT_LIST}/2001:db8::1", V).status_code == 204


def test_deleting_a_missing_entry_is_404(atlas):
    assert_atlas_error(atlas.delete(f"{ORG_LIST}/192.0.2.200", V), 404, "RESOURCE_NOT_FOUND")


def test_the_callers_own_address_cannot_be_removed(atlas):
    atlas.post(ORG_LIST, V, json=[{"ipAddress": "127.0.0.1"}, {"cidrBlock": "127.0.0.0/8"}])
    assert_atlas_error(atlas.delete(f"{ORG_LIST}/127.0.0.1", V), 400, "CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY")
    assert_atlas_error(atlas.delete(f"{ORG_LIST}/127.0.0.0%2F8", V), 400, "CANNOT_REMOVE_CALLER_ACCESS_LIST_ENTRY")


def test_unknown_accounts_and_accounts_outside_the_project_are_404(atlas):
    other = "mdb_sa_id_6500000000000000000000ff"
    assert_atlas_error(atlas.get(f"{ORG}/serviceAccounts/{other}/accessList", V), 404, "RESOURCE_NOT_FOUND")
    empty_project = PROJECT.replace("b1", "b2")
    assert_atlas_error(atlas.get(f"{empty_project}/serviceAccounts/{SA}/accessList", V), 404, "RESOURCE_NOT_FOUND")


def test_an_invalid_client_id_is_400(atlas):
    assert_atlas_error(atlas.get(f"{ORG}/serviceAccounts/not-a-client/accessList", V), 400, "VALIDATION_ERROR")


def test_get_the_service_account_at_org_and_project_level(atlas):
    org_view = atlas.get(f"{ORG}/serviceAccounts/{SA}", V).json()
    assert org_view["clientId"] == SA and org_view["roles"] == ["ORG_OWNER"]
    assert org_view["secrets"][0]["maskedSecretValue"].endswith("cret")
    assert "secret" not in org_view["secrets"][0]
    assert atlas.get(f"{PROJECT}/serviceAccounts/{SA}", V).json()["roles"] == ["GROUP_OWNER"]


# -- entries are matched by the addresses they mean, not by their text ----------------------------
def test_the_full_and_compressed_forms_of_an_ipv6_address_are_one_entry(atlas):
    atlas.post(PROJECT_LIST, V, json=[{"ipAddress": "2001:db8::1"}])
    response = atlas.post(PROJECT_LIST, V, json=[{"ipAddress": "2001:db8:0:0:0:0:0:1"}, {"cidrBlock": "2001:db8:0:0:0:0:0:1/128"}])
    assert keys(response.json()) == ["203.0.113.11", "192.0.2.0/24", "2001:db8::1"]
    assert atlas.delete(f"{PROJECT_LIST}/2001:db8:0:0:0:0:0:1", V).status_code == 204
    assert keys(atlas.get(PROJECT_LIST, V).json()) == ["203.0.113.11", "192.0.2.0/24"]


def test_a_host_cidr_block_is_the_address(atlas):
    response = atlas.post(ORG_LIST, V, json=[{"cidrBlock": "203.0.113.10/32"}])
    assert keys(response.json()) == ["203.0.113.10", "198.51.100.0/24"]
    assert atlas.delete(f"{ORG_LIST}/203.0.113.10%2F32", V).status_code == 204
    assert keys(atlas.get(ORG_LIST, V).json()) == ["198.51.100.0/24"]


def test_an_ipv6_cidr_block_in_full_form_and_a_lowercase_encoded_slash(atlas):
    atlas.post(ORG_LIST, V, json=[{"cidrBlock": "2001:db8:0:0:0:0:0:0/48"}])
    assert atlas.post(ORG_LIST, V, json=[{"cidrBlock": "2001:db8::/48"}]).json()["totalCount"] == 3
    assert atlas.delete(f"{ORG_LIST}/2001:db8::%2f48", V).status_code == 204
    assert keys(atlas.get(ORG_LIST, V).json()) == ["203.0.113.10", "198.51.100.0/24"]
