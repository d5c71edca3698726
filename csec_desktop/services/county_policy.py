"""The county's policy as the services use it: from the county configuration the vault keeps.

Every laptop of an enrolled vault stores the county configuration it last pulled (enrollment and
each sync, ``services.sync``); the deadline settings in it are the county's policy. A standalone
vault, or one enrolled with a server of the previous release (which sends no policy), uses the
``CountyPolicy`` defaults. Services build the policy here, so no screen ever makes its own.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.store import Store
from csec_desktop.store.sync_state import META_COUNTY_CONFIG
from csec_desktop.sync.protocol import POLICY_FIELDS, CountyConfig


def policy_from_config(config: CountyConfig | None) -> CountyPolicy:
    """The policy a county configuration sets (defaults without one)."""
    if config is None:
        return CountyPolicy()
    return CountyPolicy.model_validate(config.model_dump(include=set(POLICY_FIELDS)))


def county_policy(store: Store) -> CountyPolicy:
    """The policy of the county this vault belongs to, as last pulled (defaults: standalone).

    Only the policy settings of the stored configuration are read, so settings a later release
    adds beside them never hide the county's deadlines; a stored value this release cannot use
    falls back to the defaults rather than locking the caseworker out of their casework.
    """
    raw = store.get_meta(META_COUNTY_CONFIG)
    if not raw:
        return CountyPolicy()
    try:
        stored = json.loads(raw)
        return CountyPolicy.model_validate(
            {name: value for name, value in stored.items() if name in POLICY_FIELDS}
        )
    except (ValueError, AttributeError, ValidationError):
        return CountyPolicy()


__all__ = ["county_policy", "policy_from_config"]
