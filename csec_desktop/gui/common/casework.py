"""The services of one unlocked vault, built once by the composition root
(``AppController.open_session``) and handed to every screen (no globals, nothing built twice).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.exports import ExportService
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.services.caseload import CaseloadService
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.education import EducationService
from csec_desktop.services.missing import MissingEpisodeService
from csec_desktop.services.obligations import ObligationService
from csec_desktop.services.resume import ResumePlaces
from csec_desktop.services.review import ReviewService
from csec_desktop.services.screenings import ScreeningService
from csec_desktop.services.today import TodayService
from csec_desktop.services.youth import YouthService
from csec_desktop.services.youth_merge import YouthMergeService
from csec_desktop.store import Store

Submit = Callable[..., Future[Any]]


@dataclass(frozen=True)
class Casework:
    """Every service a screen needs, and the database lane's ``submit``."""

    youth: YouthService
    screenings: ScreeningService
    obligations: ObligationService
    missing: MissingEpisodeService
    education: EducationService
    today: TodayService
    review: ReviewService
    exports: ExportService
    places: ResumePlaces
    merge: YouthMergeService
    caseload: CaseloadService
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
        ones and those installed in the vault's data folder; policy: the county's, as the vault
        last pulled it, or the defaults of a standalone vault)."""
        policy = policy or county_policy(store)
        registry = registry or InstrumentRegistry.for_data_dir(store.path.parent)
        actor, clock = youth.actor, youth.clock
        return cls(
            youth=youth,
            screenings=ScreeningService(
                store, registry, policy, clock, actor=actor, language=language
            ),
            obligations=ObligationService(store, actor=actor, clock=clock),
            missing=MissingEpisodeService(store, policy, clock, actor=actor),
            education=EducationService(store, actor=actor, clock=clock),
            today=TodayService(store, clock=clock),
            review=ReviewService(store, actor=actor, policy=policy, clock=clock),
            exports=ExportService(store, policy, actor=actor, clock=clock),
            places=ResumePlaces(store),
            merge=YouthMergeService(store, actor=actor, clock=clock),
            caseload=CaseloadService(store, actor=actor, clock=clock),
            submit=store.submit,
        )
