"""Projects: list, create, find by id and by name, rename and tag, delete (refused while clusters exist)."""

from sim_helpers import API, EMPTY_PROJECT, ORG, PROJECT, assert_atlas_error, seed_ids

V = "2023-01-01"
GROUPS = f"{API}/groups"


def test_a_seeded_project_in_atlas_group_shape(atlas):
    body = atlas.get(PROJECT, V).json()
    assert body["id"] == seed_ids.PROJECT_ID
    assert (body["name"], body["orgId"], body["clusterCount"], body["tags"]) == ("Simulated Project", seed_ids.ORG_ID, 3, [])
    assert body["created"].endswith("Z")
    assert body["links"][0]["href"].endswith(f"/api/atlas/v2/groups/{seed_ids.PROJECT_ID}")


def test_list_and_find_by_name(atlas):
    assert [p["name"] for p in atlas.get(GROUPS, V).json()["results"]] == ["Simulated Project", "Simulated Empty Project"]
    assert atlas.get(f"{GROUPS}/byName/Simulated Empty Project", V).json()["id"] == seed_ids.EMPTY_PROJECT_ID
    body = assert_atlas_error(atlas.get(f"{GROUPS}/byName/nope", V), 404, "GROUP_NAME_NOT_FOUND")
    assert body["detail"] == 'No group with name "nope" exists.'


def test_the_organization_list_filters_by_a_case_insensitive_prefix(atlas):
    names = [p["name"] for p in atlas.get(f"{ORG}/groups", V, params={"name": "simulated e"}).json()["results"]]
    assert names == ["Simulated Empty Project"]
    assert_atlas_error(atlas.get(f"{API}/orgs/6500000000000000000000fe/groups", V), 404, "ORG_NOT_FOUND")


def test_create_rename_tag_and_delete(atlas):
    created = atlas.post(GROUPS, V, json={"name": "new project", "orgId": seed_ids.ORG_ID, "tags": [{"key": "env", "value": "dev"}]})
    assert created.status_code == 200, created.text
    project = created.json()
    assert (project["name"], project["clusterCount"], project["tags"]) == ("new project", 0, [{"key": "env", "value": "dev"}])
    path = f"{GROUPS}/{project['id']}"
    # Every list the families keep in a project is there: the new project's resources can be used at once.
    assert atlas.get(f"{path}/accessList", V).json()["results"] == []
    assert atlas.get(f"{path}/clusters", "2024-08-05").json()["results"] == []

    renamed = atlas.patch(path, V, json={"name": "renamed", "tags": []}).json()
    assert (renamed["name"], renamed["tags"]) == ("renamed", [])
    assert atlas.delete(path, V).status_code == 204
    assert_atlas_error(atlas.get(path, V), 404, "GROUP_NOT_FOUND")


def test_a_name_taken_in_the_organization_is_a_conflict(atlas):
    body = assert_atlas_error(atlas.post(GROUPS, V, json={"name": "Simulated Project", "orgId": seed_ids.ORG_ID}), 409, "GROUP_ALREADY_EXISTS")
    assert body["detail"] == 'A group with name "Simulated Project" already exists.'
    assert_atlas_error(atlas.patch(EMPTY_PROJECT, V, json={"name": "Simulated Project"}), 409, "GROUP_ALREADY_EXISTS")


def test_a_project_with_clusters_is_not_deleted(atlas):
    body = assert_atlas_error(atlas.delete(PROJECT, V), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
    assert body["detail"] == "Cannot close group while it has active clusters; please terminate all clusters."
    assert atlas.get(PROJECT, V).status_code == 200


def test_an_unknown_organization_cannot_hold_a_new_project(atlas):
    assert_atlas_error(atlas.post(GROUPS, V, json={"name": "x", "orgId": "6500000000000000000000fe"}), 404, "ORG_NOT_FOUND")
