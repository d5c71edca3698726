"""The services the screening, obligation and missing-episode screens call, made once per
unlocked vault and handed to those screens (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.services.missing import MissingEpisodeService
from csec_desktop.services.obligations import ObligationService
from csec_desktop.services.screenings import ScreeningService
from csec_desktop.services.youth import YouthService
from csec_desktop.store import Store

Submit = Callable[..., Future[Any]]


@dataclass(frozen=True)
class Casework:
    """Everything a casework screen needs: the services and the database lane's ``submit``."""

    youth: YouthService
    screenings: ScreeningService
    obligations: ObligationService
    missing: MissingEpisodeService
    submit: Submit

    @property
    def policy(self) -> CountyPolicy:
        return self.screenings.policy

    @classmethod
    def for_store(
        cls,
        youth: YouthService,
        store: Store,
        *,
        language: str = "en",
        policy: CountyPolicy | None = None,
        registry: InstrumentRegistry | None = None,
    ) -> Casework:
        """The services of the open vault whose store is ``store`` (instruments: the shipped
        ones and those installed in the vault's data folder)."""
        policy = policy or CountyPolicy()
        registry = registry or InstrumentRegistry.for_data_dir(store.path.parent)
        actor = youth.actor
        return cls(
            youth=youth,
            screenings=ScreeningService(
                store, registry, policy, youth.clock, actor=actor, language=language
            ),
            obligations=ObligationService(store, actor=actor, clock=youth.clock),
            missing=MissingEpisodeService(store, policy, youth.clock, actor=actor),
            submit=store.submit,
        )
