"""The state the simulator starts with when no ``--seed`` file is given.

Other tests rely on these ids and credentials (docs/simulator.md lists them): change them only
together with every user of them.
"""

from datetime import timedelta

from .clock import format_time

ORG_ID = "6500000000000000000000a1"
PROJECT_ID = "6500000000000000000000b1"
EMPTY_PROJECT_ID = "6500000000000000000000b2"
PUBLIC_KEY = "sim-public-key"
PRIVATE_KEY = "sim-private-key"
SA_CLIENT_ID = "mdb_sa_id_6500000000000000000000c1"
SA_CLIENT_SECRET = "mdb_sa_sk_simulator_secret"
ALICE_ID = "6500000000000000000000d1"
BOB_ID = "6500000000000000000000d2"
CAROL_ID = "6500000000000000000000d3"
AWS_CONTAINER_ID = "6500000000000000000000f1"
DATABASE_USERNAME = "app-reader"
DATABASE_USER_PASSWORD = "sim-app-reader-password"


def _aws_region_config(instance_size, region="US_EAST_1"):
    def specs(node_count):
        return {"instanceSize": instance_size, "nodeCount": node_count, "diskSizeGB": 10.0, "ebsVolumeType": "STANDARD"}

    return {
        "providerName": "AWS",
        "regionName": region,
        "priority": 7,
        "electableSpecs": specs(3),
        "readOnlySpecs": specs(0),
        "analyticsSpecs": specs(0),
        "autoScaling": {"compute": {"enabled": False, "scaleDownEnabled": False}, "diskGB": {"enabled": True}},
    }


def default_seed(now):
    """The default seed; ``now`` anchors the employee access grant (it expires 7 days later)."""
    return {
        "token_ttl_seconds": 3600,
        "api_keys": [{"public_key": PUBLIC_KEY, "private_key": PRIVATE_KEY}],
        "service_accounts": [
            {
                "client_id": SA_CLIENT_ID,
                "client_secret": SA_CLIENT_SECRET,
                "org_id": ORG_ID,
                "name": "Simulated Service Account",
                "roles": ["ORG_OWNER"],
                "access_list": [{"ipAddress": "203.0.113.10"}, {"cidrBlock": "198.51.100.0/24"}],
            }
        ],
        "orgs": [
            {
                "id": ORG_ID,
                "name": "Simulated Org",
                "users": [
                    {
                        "id": ALICE_ID,
                        "username": "alice@example.com",
                        "firstName": "Alice",
                        "lastName": "Anders",
                        "country": "US",
                    },
                    {
                        "id": BOB_ID,
                        "username": "bob@example.com",
                        "firstName": "Bob",
                        "lastName": "Berg",
                        "country": "DE",
                    },
                    {
                        "id": CAROL_ID,
                        "username": "carol@example.com",
                        "firstName": "Carol",
                        "lastName": "Castro",
                        "country": "BR",
                        "orgMembershipStatus": "PENDING",
                    },
                ],
            }
        ],
        "projects": [
            {
                "id": PROJECT_ID,
                "org_id": ORG_ID,
                "name": "Simulated Project",
                "clusters": [
                    {
                        "id": "6500000000000000000000e1",
                        "name": "Cluster0",
                        "clusterType": "REPLICASET",
                        "stateName": "IDLE",
                        "mongoDBMajorVersion": "8.0",
                        "mongoDBVersion": "8.0.4",
                        "replicationSpecs": [{"zoneName": "Zone 1", "regionConfigs": [_aws_region_config("M10")]}],
                        "mongoDBEmployeeAccessGrant": {
                            "grantType": "CLUSTER_DATABASE_LOGS",
                            "expirationTime": format_time(now + timedelta(days=7)),
                        },
                    },
                    {
                        "id": "6500000000000000000000e2",
                        "name": "analytics",
                        "clusterType": "SHARDED",
                        "stateName": "IDLE",
                        "mongoDBMajorVersion": "8.0",
                        "mongoDBVersion": "8.0.4",
                        "replicationSpecs": [
                            {"zoneName": "Zone 1", "regionConfigs": [_aws_region_config("M30")]},
                            {"zoneName": "Zone 1", "regionConfigs": [_aws_region_config("M30")]},
                        ],
                        "tags": [{"key": "env", "value": "prod"}],
                    },
                    {
                        "id": "6500000000000000000000e3",
                        "name": "dev-paused",
                        "clusterType": "REPLICASET",
                        "stateName": "IDLE",
                        "paused": True,
                        "mongoDBMajorVersion": "7.0",
                        "mongoDBVersion": "7.0.15",
                        "replicationSpecs": [{"zoneName": "Zone 1", "regionConfigs": [_aws_region_config("M10")]}],
                        "tags": [{"key": "env", "value": "dev"}],
                    },
                ],
                "containers": [
                    {
                        "id": AWS_CONTAINER_ID,
                        "providerName": "AWS",
                        "regionName": "US_EAST_1",
                        "atlasCidrBlock": "192.168.248.0/21",
                        "provisioned": True,
                        "vpcId": "vpc-0a1b2c3d4e5f60718",
                    }
                ],
                "peers": [],
                "cloud_provider_access": [],
                "users": [
                    {"username": "alice@example.com", "roles": ["GROUP_OWNER"], "orgMembershipStatus": "ACTIVE"},
                    {"username": "carol@example.com", "roles": ["GROUP_READ_ONLY"], "orgMembershipStatus": "PENDING"},
                ],
                "service_accounts": [
                    {
                        "client_id": SA_CLIENT_ID,
                        "roles": ["GROUP_OWNER"],
                        "access_list": [{"ipAddress": "203.0.113.11"}, {"cidrBlock": "192.0.2.0/24"}],
                    }
                ],
                # A SCRAM user (its password is kept as a digest once loaded).
                "database_users": [
                    {
                        "username": DATABASE_USERNAME,
                        "databaseName": "admin",
                        "password": DATABASE_USER_PASSWORD,
                        "roles": [{"databaseName": "sales", "roleName": "read"}],
                        "scopes": [{"name": "Cluster0", "type": "CLUSTER"}],
                        "labels": [{"key": "team", "value": "sales"}],
                        "description": "Reads the sales database",
                    }
                ],
            },
            {
                "id": EMPTY_PROJECT_ID,
                "org_id": ORG_ID,
                "name": "Simulated Empty Project",
                "clusters": [],
                "containers": [],
                "peers": [],
                "cloud_provider_access": [],
                "users": [],
                "service_accounts": [],
            },
        ],
    }
