# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The repository's deployment files: docker-compose.yml cannot run here (no Docker
engine), so check that it parses and agrees with odoo.conf. Repository files, not an
addon's: pytest, not Odoo's test runner."""

import configparser
import os
import unittest

import yaml

REPO = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def suite_addons():
    addons = os.path.join(REPO, "addons")
    return sorted(
        name
        for name in os.listdir(addons)
        if os.path.exists(os.path.join(addons, name, "__manifest__.py"))
    )


def node_settings():
    """docker/odoo-node.env as a dict."""
    with open(os.path.join(REPO, "docker", "odoo-node.env"), encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    return dict(
        line.split("=", 1) for line in lines if line and not line.startswith("#")
    )


class TestDeployment(unittest.TestCase):
    """docker-compose.yml cannot run here (no Docker engine): check it parses and agrees
    with odoo.conf."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(os.path.join(REPO, "docker-compose.yml"), encoding="utf-8") as f:
            cls.compose = yaml.safe_load(f)
        parser = configparser.ConfigParser()
        parser.read(os.path.join(REPO, "odoo.conf"), encoding="utf-8")
        cls.conf = parser["options"]
        cls.services = cls.compose["services"]

    def test_services(self):
        self.assertLessEqual(
            {
                "db",
                "db-replica",
                "odoo1",
                "odoo2",
                "proxy",
                "odoo-init",
                "clamav",
                "clamav-updater",
            },
            set(self.services),
        )
        self.assertTrue(self.services["clamav"]["image"].startswith("clamav/clamav"))
        self.assertEqual(
            self.services["clamav-updater"]["environment"]["CLAMAV_NO_CLAMD"], "true"
        )
        self.assertEqual(
            self.services["clamav"]["environment"]["CLAMAV_NO_FRESHCLAMD"], "true"
        )
        self.assertTrue(
            os.path.exists(
                os.path.join(REPO, self.services["odoo1"]["build"]["dockerfile"])
            )
        )

    def test_odoo_uses_the_repository_configuration(self):
        odoo = self.services["odoo1"]
        workdir = odoo["working_dir"]
        mounts = {v.split(":")[1]: v.split(":")[0] for v in odoo["volumes"]}
        conf_path = odoo["environment"]["ODOO_RC"]
        self.assertEqual(mounts[conf_path], "./odoo.conf")
        # Relative paths of odoo.conf resolve inside the working directory in both
        # setups.
        self.assertEqual(self.conf["addons_path"], "addons")
        self.assertIn(os.path.join(workdir, self.conf["data_dir"]), mounts)
        self.assertEqual(
            self.services["db"]["environment"]["POSTGRES_USER"], self.conf["db_user"]
        )
        self.assertEqual(odoo["environment"]["PGHOST"], "db")
        for service in ("odoo1", "odoo2", "odoo-init"):
            command = self.services[service]["command"]
            self.assertEqual(
                command[command.index("-d") + 1], self.conf["db_name"], service
            )
        # the nodes are reached through the proxy, which listens on odoo.conf's port
        published = {p.rsplit(":", 1)[1] for p in self.services["proxy"]["ports"]}
        self.assertEqual({self.conf["http_port"]}, published)

    def test_pkcs11_allow_list(self):
        """R-US4: odoo.conf allows Debian's SoftHSM (test token) and OpenSC."""
        allowed = self.conf["vn_pkcs11_modules"].replace(",", ":").split(":")
        self.assertIn("/usr/lib/softhsm/libsofthsm2.so", allowed)
        self.assertIn("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", allowed)

    def test_production_settings(self):
        self.assertEqual(self.conf["list_db"], "False")
        self.assertEqual(self.conf["proxy_mode"], "True")
        with open(os.path.join(REPO, "odoo.conf"), encoding="utf-8") as f:
            self.assertIn("; workers =", f.read())
        self.assertEqual(node_settings()["ODOO_WORKERS"], "4")
        self.assertTrue(
            self.services["odoo1"]["environment"]["VN_CLAMD_ADDRESS"].startswith(
                "tcp://clamav:"
            )
        )

    def test_nodes_share_settings_data_and_the_replica(self):
        """Both nodes: one env file (also topology.sh's), one data volume (filestore
        and sessions: no sticky sessions), the replica for read-only requests."""
        odoo1, odoo2 = self.services["odoo1"], self.services["odoo2"]
        self.assertEqual(odoo1["env_file"], "docker/odoo-node.env")
        self.assertEqual(odoo1["volumes"], odoo2["volumes"])
        self.assertEqual(odoo1["environment"], odoo2["environment"])
        self.assertEqual(odoo1["environment"]["PGHOST_REPLICA"], "db-replica")
        self.assertIn("db-replica-data", self.compose["volumes"])
        proxy = self.services["proxy"]
        self.assertIn(
            "./docker/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro",
            proxy["volumes"],
        )
        for node in ("odoo1", "odoo2"):
            self.assertEqual(
                proxy["environment"][f"VN_NODE{node[-1]}_HTTP"], f"{node}:8069"
            )
            self.assertEqual(
                proxy["environment"][f"VN_NODE{node[-1]}_GEVENT"], f"{node}:8072"
            )
        with open(os.path.join(REPO, "docker", "haproxy.cfg"), encoding="utf-8") as f:
            haproxy = f.read()
        self.assertIn("use_backend odoo_gevent if is_websocket", haproxy)
        self.assertNotIn("cookie", haproxy)  # no sticky sessions

    def test_init_installs_every_addon_of_the_repository(self):
        command = self.services["odoo-init"]["command"]
        installed = sorted(command[command.index("-i") + 1].split(","))
        self.assertEqual(installed, suite_addons())
        self.assertEqual(command[command.index("--load-language") + 1], "vi_VN")

    def test_volumes_for_data(self):
        self.assertLessEqual(
            {"db-data", "db-replica-data", "odoo-data", "clamav-db"},
            set(self.compose["volumes"]),
        )
        self.assertIn(
            "db-data:/var/lib/postgresql/data", self.services["db"]["volumes"]
        )

    def test_database_gets_the_extensions_odoo_cannot_create(self):
        self.assertEqual(self.conf["unaccent"], "True")
        self.assertIn(
            "./docker/db-init:/docker-entrypoint-initdb.d:ro",
            self.services["db"]["volumes"],
        )
        with open(
            os.path.join(REPO, "docker", "db-init", "extensions.sql"), encoding="utf-8"
        ) as f:
            self.assertIn("CREATE EXTENSION IF NOT EXISTS unaccent", f.read())
