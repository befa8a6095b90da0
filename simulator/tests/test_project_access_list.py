"""The project IP access list, shaped like the real answers recorded from Atlas."""

from datetime import datetime, timedelta, timezone

import pytest

from sim_helpers import PROJECT, assert_atlas_error, seed_ids

V = "2023-01-01"
LIST = f"{PROJECT}/accessList"


def in_hours(hours, now=None):
    moment = (now or datetime.now(timezone.utc)) + timedelta(hours=hours)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def without_links(entries):
    return [{k: v for k, v in entry.items() if k != "links"} for entry in entries]


def test_an_address_is_answered_as_real_atlas_lists_it(atlas):
    # The recorded POST (201) and GETs: the address, its host block, the comment, the project id, a
    # self link naming the host block with %2F; the list links to itself with its query.
    response = atlas.post(LIST, V, json=[{"ipAddress": "192.168.0.243", "comment": "test"}])
    assert response.status_code == 201, response.text
    assert response.headers["Content-Type"].startswith("application/vnd.atlas.2023-01-01+json")
    entry = response.json()["results"][0]
    assert entry == {
        "cidrBlock": "192.168.0.243/32",
        "comment": "test",
        "groupId": seed_ids.PROJECT_ID,
        "ipAddress": "192.168.0.243",
        "links": [{"href": entry["links"][0]["href"], "rel": "self"}],
    }
    assert entry["links"][0]["href"].endswith(f"/api/atlas/v2/groups/{seed_ids.PROJECT_ID}/accessList/192.168.0.243%2F32")
    listed = atlas.get(LIST, V, params={"includeCount": "true", "pageNum": 1, "itemsPerPage": 100}).json()
    assert listed["totalCount"] == 1
    assert listed["links"][0]["href"].endswith("?includeCount=true&pageNum=1&itemsPerPage=100")
    assert atlas.get(f"{LIST}/192.168.0.243", V).json() == entry
    assert atlas.delete(f"{LIST}/192.168.0.243", V).status_code == 204


def test_an_entry_sent_again_is_updated_not_duplicated(atlas):
    atlas.post(LIST, V, json=[{"cidrBlock": "10.0.0.0/8", "comment": "old"}])
    later = in_hours(3)
    body = atlas.post(LIST, V, json=[{"cidrBlock": "10.0.0.0/8", "comment": "new", "deleteAfterDate": later}]).json()
    assert without_links(body["results"]) == [{"cidrBlock": "10.0.0.0/8", "comment": "new", "deleteAfterDate": later, "groupId": seed_ids.PROJECT_ID}]


def test_a_temporary_entry_goes_when_its_date_passes(atlas, control):
    atlas.post(LIST, V, json=[{"ipAddress": "192.0.2.7", "deleteAfterDate": in_hours(1)}, {"ipAddress": "192.0.2.8"}])
    control.advance(2 * 3600)
    assert [e["ipAddress"] for e in atlas.get(LIST, V).json()["results"]] == ["192.0.2.8"]
    assert_atlas_error(atlas.get(f"{LIST}/192.0.2.7", V), 404, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")


@pytest.mark.parametrize("hours", [-1, 24 * 8])
def test_a_temporary_entry_is_in_the_coming_week(atlas, hours):
    body = assert_atlas_error(atlas.post(LIST, V, json=[{"ipAddress": "192.0.2.7", "deleteAfterDate": in_hours(hours)}]), 400, "INVALID_ATTRIBUTE")
    assert body["badRequestDetail"]["fields"][0]["field"] == "[0].deleteAfterDate"


def test_a_security_group_needs_a_peering(atlas, control):
    entry = [{"awsSecurityGroup": "sg-0123456789abcdef0"}]
    body = assert_atlas_error(atlas.post(LIST, V, json=entry), 400, "CANNOT_USE_AWS_SECURITY_GROUP_WITHOUT_VPC_PEERING_CONNECTION")
    assert body["detail"] == "Cannot use aws security groups as whitelist entries without a vpc peering connection."
    state = control.state()
    project = next(p for p in state["projects"] if p["id"] == seed_ids.PROJECT_ID)
    project["peers"] = [{"providerName": "AWS", "containerId": seed_ids.AWS_CONTAINER_ID, "vpcId": "vpc-0123456789abcdef0",
                         "awsAccountId": "123456789012", "routeTableCidrBlock": "10.0.0.0/16", "accepterRegionName": "us-east-1"}]
    control.set_state(state)
    assert atlas.post(LIST, V, json=entry).status_code == 201
    assert atlas.get(f"{LIST}/sg-0123456789abcdef0", V).json()["awsSecurityGroup"] == "sg-0123456789abcdef0"
    assert_atlas_error(atlas.post(LIST, V, json=[{"awsSecurityGroup": "sg-01234567", "deleteAfterDate": in_hours(1)}]), 400, "INVALID_ATTRIBUTE")
    assert atlas.delete(f"{LIST}/sg-0123456789abcdef0", V).status_code == 204


def test_each_entry_names_one_thing(atlas):
    body = assert_atlas_error(atlas.post(LIST, V, json=[{"ipAddress": "192.0.2.1", "cidrBlock": "192.0.2.0/24"}]), 400, "INVALID_ATTRIBUTE")
    assert body["badRequestDetail"]["fields"][0]["field"] == "[0]"


def test_a_missing_entry_is_atlas_404_naming_it_and_the_project(atlas):
    body = assert_atlas_error(atlas.delete(f"{LIST}/10.1.0.0%2F16", V), 404, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")
    assert body["detail"] == f"IP Address 10.1.0.0/16 not on Atlas access list for group {seed_ids.PROJECT_ID}."
    assert body["parameters"] == ["10.1.0.0/16", seed_ids.PROJECT_ID]


def test_200_entries_at_most_and_pages(atlas):
    entries = [{"ipAddress": f"10.0.{i // 250}.{i % 250 + 1}"} for i in range(200)]
    assert atlas.post(LIST, V, json=entries).status_code == 201
    assert_atlas_error(atlas.post(LIST, V, json=[{"ipAddress": "10.9.9.9"}]), 403, "ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED")
    page = atlas.get(LIST, V, params={"itemsPerPage": 150, "pageNum": 2}).json()
    assert (len(page["results"]), page["totalCount"]) == (50, 200)


def test_an_unknown_project_is_group_not_found(atlas):
    assert_atlas_error(atlas.get("/api/atlas/v2/groups/6500000000000000000000ff/accessList", V), 404, "GROUP_NOT_FOUND")
