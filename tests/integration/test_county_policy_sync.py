"""County settings reach the desktop (issue 12, finding 6): the county admin changes the policy
on a real ``csec-county-server`` process, a laptop syncs, and the services the main window
builds follow the county's deadlines from then on."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.gui.common.casework import Casework
from csec_desktop.server import accounts
from csec_desktop.services import YouthService
from csec_desktop.services.county_policy import county_policy
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    open_device,
    sqlite_database,
)

_names = itertools.count()


@pytest.fixture(scope="module")
def county_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, County]]:
    url = sqlite_database(tmp_path_factory.mktemp("server"))
    county = County.create(url)
    server = ServerProcess(url).start()
    yield server, county
    server.stop()
    county.dispose()


def test_the_county_policy_reaches_the_laptop_at_its_next_sync(
    county_server: tuple[ServerProcess, County], tmp_path: Path
) -> None:
    server, county = county_server
    username = f"cw{next(_names)}"
    county.user(username)
    device = open_device(tmp_path / "laptop.db")
    try:
        device.service.enroll(server.url, county.code(username))
        assert county_policy(device.store) == CountyPolicy(mdt_referral_days=30)  # the server's
        with county.engine.begin() as conn:
            accounts.set_county_config(
                conn,
                1,
                mdt_referral_days=10,
                policy={"victim_report_hours": 12, "refer_at_risk_to_mdt": True},
                actor="it-admin",
            )
        device.service.sync()
        expected = CountyPolicy(
            mdt_referral_days=10, victim_report_hours=12, refer_at_risk_to_mdt=True
        )
        assert county_policy(device.store) == expected
        youth = YouthService(device.store, actor=username)
        assert Casework.for_store(youth, device.store).policy == expected
    finally:
        device.close()
