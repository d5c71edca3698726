"""A screening from start to approval: answers, result, determination, submission and review.

The workflow (statuses from ``domain.screening``)::

    start → draft ──answer/confirm──▶ submit → submitted ──review──▶ approved (final)
                                                         └─review──▶ returned ──answer/confirm──▶
                                                                    submit → resubmitted → review

Rules kept here:

- A screening is scored with the exact instrument id + version it was started with (and, when it
  recorded one, the same content fingerprint), never with a newer version installed later.
- Only a draft or a returned screening changes. An approved one is final: :meth:`amend` starts an
  addendum (a new screening naming it in ``amends_id``) and leaves it untouched.
- Changing answers drops the stored result (and a draft's determination), so a submission always
  rests on a determination confirmed after the last answer. It never moves a clock: when the
  agency received the information (``information_received_at``) stays as the screener gave it.
- The child is the unit: the proposal reads the child's identification history on the
  screening's track (``domain.identifying``). A determination that identifies a victim either
  makes a new identification (a new incident: its id comes from the screening chain, so a
  resubmission or an addendum makes the same one) or confirms an earlier one (no new report).
- Submitting saves, in one transaction (``Store.save_many``): the screening, a new
  identification, and the obligations of every duty not yet discharged (``domain.duties``: one
  obligation per duty, whatever the number of resubmissions, addenda, re-screenings or laptops).
  A resubmission that no longer identifies the victim its chain identified voids that
  identification (and its open obligations) with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from uuid import UUID

from pydantic import JsonValue, ValidationError

from csec_desktop.domain import (
    AuditAction,
    CsecCategory,
    EligibilityElement,
    Identification,
    LaborFinding,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Review,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningContext,
    ScreeningStatus,
    Youth,
)
from csec_desktop.domain.deadlines import obligations_for_determination
from csec_desktop.domain.determination import OverrideNeedsReason as DomainOverrideNeedsReason
from csec_desktop.domain.identification import identification_id_for
from csec_desktop.domain.identifying import Finding, confirm_finding, propose_finding
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import InvalidTransition
from csec_desktop.instruments import (
    Instrument,
    InstrumentRegistry,
    InstrumentResult,
    UnknownInstrument,
    compute,
    fingerprint,
    to_screening_result,
)
from csec_desktop.instruments import explain as explain_result
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import (
    IncompleteScreening,
    InvalidAnswers,
    InvalidInput,
    InvalidState,
    NotEditable,
    OverrideNeedsReason,
    UnknownInstrumentError,
    store_errors,
)
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.services.obligations import CLOCK_SKEW
from csec_desktop.services.resume import ResumePlaces
from csec_desktop.services.screening_views import (
    InstrumentChoice,
    OpenedScreening,
    ScreeningSummary,
)
from csec_desktop.services.submission import SubmissionContext, plan_submission
from csec_desktop.store import Store

_REVIEWABLE = frozenset({ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED})
_MAX_RECORDS = 10_000_000


class ScreeningService:
    """Use cases on screenings for one signed-in ``actor`` (named as screener and in the audit)."""

    def __init__(
        self,
        store: Store,
        registry: InstrumentRegistry,
        policy: CountyPolicy,
        clock: Clock = system_clock,
        *,
        actor: str,
        language: str = "en",
    ) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.registry = registry
        self.policy = policy
        self.clock = clock
        self.actor = actor
        self.language = language
        self.identifications = IdentificationService(store, policy, clock, actor=actor)
        self.places = ResumePlaces(store)  # where an unfinished screening was left

    # -- reading -------------------------------------------------------------------------

    def get(self, screening_id: UUID) -> Screening:
        """The current version (not audited: for code, not for showing to a person)."""
        with store_errors():
            return self.store.get(Screening, screening_id)

    def view(self, screening_id: UUID) -> Screening:
        """The current version, audited as a VIEW by the actor (use it to show the content)."""
        screening = self.get(screening_id)
        self.store.record_event(AuditAction.VIEW, actor=self.actor, record=screening)
        return screening

    def for_youth(self, youth_id: UUID) -> list[Screening]:
        """The youth's screenings, newest first (for lists; open one with :meth:`view`)."""
        found = self.store.records(Screening, youth_id=youth_id, limit=_MAX_RECORDS)
        return sorted(found, key=lambda s: (s.screening_date, s.created_at), reverse=True)

    def reviews(self, screening_id: UUID) -> list[Review]:
        """Supervisor decisions on this screening, oldest first (a returned one's comment too)."""
        found = [
            review
            for review in self.store.records(Review, limit=_MAX_RECORDS)
            if review.screening_id == screening_id
        ]
        return sorted(found, key=lambda r: (r.reviewed_at, r.created_at))

    def instrument_for(self, screening: Screening) -> Instrument:
        """The exact definition ``screening`` was started with.

        ``UnknownInstrumentError`` if that id + version is not installed here, or if its content
        is not the content the screening recorded (its fingerprint).
        """
        try:
            instrument = self.registry.get(screening.instrument_id, screening.instrument_version)
        except UnknownInstrument:
            raise UnknownInstrumentError(
                f"instrument {screening.instrument_id} version {screening.instrument_version}"
                " is not installed on this computer"
            ) from None
        expected = screening.instrument_fingerprint
        if expected is not None and fingerprint(instrument) != expected:
            raise UnknownInstrumentError(
                f"instrument {screening.instrument_id} version {screening.instrument_version}"
                " on this computer differs from the one the screening was started with"
            )
        return instrument

    # -- starting ------------------------------------------------------------------------

    def start(
        self,
        youth_id: UUID,
        instrument_id: str,
        *,
        version: str | None = None,
        context: ScreeningContext = ScreeningContext.ROUTINE,
        screening_date: date | None = None,
        missing_episode_id: UUID | None = None,
    ) -> Screening:
        """Save a new draft screening of the youth with ``instrument_id``.

        The latest installed version unless ``version`` names one; the screening records the id,
        version and content fingerprint. ``screening_date`` defaults to today in the county.
        """
        with store_errors():
            youth = self.store.get(Youth, youth_id)
        try:
            instrument = (
                self.registry.latest(instrument_id)
                if version is None
                else self.registry.get(instrument_id, version)
            )
        except UnknownInstrument as exc:
            raise UnknownInstrumentError(str(exc)) from None
        if missing_episode_id is not None:
            self._check_episode(youth.id, missing_episode_id)
        now = now_utc(self.clock)
        try:
            draft = Screening(
                youth_id=youth.id,
                instrument_id=instrument.id,
                instrument_version=instrument.version,
                instrument_fingerprint=fingerprint(instrument),
                context=context,
                screening_date=screening_date or now.astimezone(self.policy.zone).date(),
                screener=self.actor,
                missing_episode_id=missing_episode_id,
                track=instrument.track,
                created_at=now,
                updated_at=now,
            )
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with store_errors():
            return self.store.save(draft, actor=self.actor)

    def _check_episode(self, youth_id: UUID, episode_id: UUID) -> None:
        with store_errors():
            episode = self.store.get(MissingEpisode, episode_id)
        if episode.youth_id != youth_id:
            raise InvalidInput.on(
                "missing_episode_id", "episode_of_other_youth", "the episode is of another youth"
            )

    # -- answering -----------------------------------------------------------------------

    def answer(
        self,
        screening: Screening,
        changes: Mapping[str, JsonValue],
        *,
        notes: str | None = None,
        evidence: Mapping[str, str] | None = None,
    ) -> Screening:
        """Save ``changes`` to the answers (``None`` clears an answer); the autosave call.

        ``evidence`` maps eligibility element ids to the screener's evidence text. Answers are
        checked against the instrument: an unknown item, or an answer of the wrong kind to a
        visible item, is refused with ``InvalidAnswers`` (nothing is saved). Only a draft or a
        returned screening may change (``NotEditable``); ``Conflict`` if it changed since read.
        """
        self._require_editable(screening)
        instrument = self.instrument_for(screening)
        answers = dict(screening.answers)
        for item_id, value in changes.items():
            if value is None:
                answers.pop(item_id, None)
            else:
                answers[item_id] = value
        result = compute(instrument, answers, self.facts(screening))
        problems = [
            (item_id, "not an item of this instrument") for item_id in result.unknown_answers
        ]
        problems += [
            (problem.item_id, problem.message)
            for problem in result.invalid_answers
            if problem.item_id in changes
        ]
        if problems:
            raise InvalidAnswers(problems)
        eligibility = list(screening.eligibility)
        if evidence:
            eligibility = self._with_evidence(instrument, eligibility, evidence)
        updates: dict[str, object] = {"answers": answers, "eligibility": eligibility}
        if notes is not None:
            updates["notes"] = notes
        if changes:
            # The stored result and a draft's determination no longer describe these answers.
            updates["result"] = None
            if screening.status is ScreeningStatus.DRAFT:
                updates["determination"] = None
        return self._save(self._evolve(screening, **updates))

    @staticmethod
    def _with_evidence(
        instrument: Instrument,
        eligibility: list[EligibilityElement],
        evidence: Mapping[str, str],
    ) -> list[EligibilityElement]:
        known = {element.id.value for element in instrument.eligibility}
        unknown = sorted(set(evidence) - known)
        if unknown:
            raise InvalidAnswers([(name, "not an eligibility element") for name in unknown])
        by_id = {element.element_id: element for element in eligibility}
        try:
            for element_id, text in evidence.items():
                current = by_id.get(element_id) or EligibilityElement(element_id=element_id)
                by_id[element_id] = current.evolve(evidence=text)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        order = [element.id.value for element in instrument.eligibility]
        return [by_id[element_id] for element_id in order if element_id in by_id]

    # -- computing and determining ---------------------------------------------------------

    def root_id(self, screening: Screening) -> UUID:
        """The first screening of ``screening``'s amendment chain (itself if it amends none)."""
        current = screening
        seen = {current.id}
        while current.amends_id is not None and current.amends_id not in seen:
            seen.add(current.amends_id)
            if not self.store.exists(Screening, current.amends_id):
                break
            current = self.get(current.amends_id)
        return current.id

    def own_identification_id(self, screening: Screening) -> UUID:
        """The id of the identification ``screening``'s chain makes if it identifies a victim."""
        return identification_id_for(self.root_id(screening), screening.screening_track)

    def earlier_identifications(self, screening: Screening) -> list[Identification]:
        """The child's counted identifications on the screening's track, other than the one its
        own chain makes (what "identified before" means for this screening)."""
        own = self.own_identification_id(screening)
        return [
            i
            for i in self.identifications.counted(screening.youth_id, screening.screening_track)
            if i.id != own
        ]

    def facts(self, screening: Screening) -> dict[str, bool]:
        """What the instrument's conditions may know about the child (format 2)."""
        return {"previously_identified": bool(self.earlier_identifications(screening))}

    def compute(self, screening: Screening) -> InstrumentResult:
        """The engine's result for the answers, with the instrument version the screening names."""
        return compute(self.instrument_for(screening), screening.answers, self.facts(screening))

    def explain(self, screening: Screening, result: InstrumentResult | None = None) -> list[str]:
        """Plain lines saying what set the level (ids only, never an answer)."""
        instrument = self.instrument_for(screening)
        return explain_result(result or self.compute(screening), instrument, self.language)

    def propose(
        self,
        screening: Screening,
        result: InstrumentResult | None = None,
        *,
        new_incident: bool | None = None,
    ) -> Finding:
        """The proposal: category (or labor finding), whether it identifies a victim in a new
        incident or confirms an earlier identification, and the status now; from the result,
        the youth's placement, jurisdiction and entry to care, missing episodes, and
        identification history. ``new_incident`` is the screener saying whether it is a new
        incident (else the instrument's answer)."""
        result = result or self.compute(screening)
        with store_errors():
            youth = self.store.get(Youth, screening.youth_id)
        episodes = self.store.records(MissingEpisode, youth_id=youth.id, limit=_MAX_RECORDS)
        return propose_finding(
            track=screening.screening_track,
            elements=self._elements(screening, result),
            risk_level=result.risk_level,
            placement=youth.placement_type,
            jurisdiction=youth.jurisdiction,
            entered_care_on=youth.entered_care_on,
            own_identification_id=self.own_identification_id(screening),
            earlier=self.earlier_identifications(screening),
            timings=result.exploitation_timings,
            exploited_on=result.exploitation_date,
            missing_episodes=episodes,
            missing_episode_id=screening.missing_episode_id,
            context=screening.context,
            today=screening.screening_date,
            time_zone=self.policy.time_zone,
            exploitation_current=result.exploitation_current,
            new_incident=new_incident if new_incident is not None else result.new_incident,
            own_exists=self._own_identification_exists(screening),
        )

    def _own_identification_exists(self, screening: Screening) -> bool:
        """Whether the screening's chain already made its identification (still counted)."""
        own = self.own_identification_id(screening)
        return any(
            i.id == own and i.counted for i in self.identifications.all_for(screening.youth_id)
        )

    @staticmethod
    def _elements(screening: Screening, result: InstrumentResult) -> list[EligibilityElement]:
        """The computed findings, keeping the screener's evidence text where there is one."""
        written = {e.element_id: e.evidence for e in screening.eligibility if e.evidence.strip()}
        return [
            element.evolve(evidence=written[element.element_id])
            if element.element_id in written
            else element
            for element in result.eligibility_elements()
        ]

    def check_received_at(self, screening: Screening, received_at: datetime) -> datetime:
        """``received_at`` (when the agency received the information) if it can be: with a time
        zone, not in the future, not before the youth's birth; ``InvalidInput`` otherwise."""
        field = "information_received_at"
        if received_at.tzinfo is None or received_at.utcoffset() is None:
            raise InvalidInput.on(field, "needs_time_zone", "needs a time zone")
        if received_at > now_utc(self.clock) + CLOCK_SKEW:
            raise InvalidInput.on(field, "time_in_future", "is in the future")
        with store_errors():
            youth = self.store.get(Youth, screening.youth_id)
        if received_at.astimezone(self.policy.zone).date() < youth.date_of_birth:
            raise InvalidInput.on(field, "before_birth", "is before the youth's date of birth")
        return received_at.astimezone(UTC)

    def confirm(
        self,
        screening: Screening,
        *,
        category: CsecCategory | None = None,
        labor_finding: LaborFinding | None = None,
        override_reason: str | None = None,
        new_incident: bool | None = None,
        received_at: datetime | None = None,
    ) -> Screening:
        """Save the result and the screener's determination: the proposal, or ``category`` (a
        labor screening: ``labor_finding``) with a written ``override_reason``
        (``OverrideNeedsReason`` without one).

        ``received_at``: when the agency received the information (default: as recorded before
        on this screening, else now; see :meth:`check_received_at`). It starts the clocks of a
        new identification and never moves when answers change. ``new_incident`` overrides the
        instrument's "new incident since the last report?" answer for a child identified before.
        """
        self._require_editable(screening)
        instrument = self.instrument_for(screening)
        result = self.compute(screening)
        now = now_utc(self.clock)
        if received_at is not None:
            received = self.check_received_at(screening, received_at)
        else:
            received = screening.information_received_at or now
        finding = self.propose(screening, result, new_incident=new_incident)
        try:
            determination = confirm_finding(
                finding,
                result.risk_level,
                confirmed_by=self.actor,
                confirmed_at=now,
                received_at=received,
                category=category,
                labor_finding=labor_finding,
                override_reason=override_reason,
            )
        except DomainOverrideNeedsReason as exc:
            raise OverrideNeedsReason(str(exc)) from None
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        keep = determination.identifies_victim or received_at is not None
        return self._save(
            self._evolve(
                screening,
                eligibility=self._elements(screening, result),
                result=to_screening_result(
                    result,
                    instrument,
                    proposed_category=finding.category,
                    proposed_labor_finding=finding.labor_finding,
                    computed_at=now,
                    language=self.language,
                ),
                determination=determination,
                information_received_at=received if keep else screening.information_received_at,
            )
        )

    # -- submitting ----------------------------------------------------------------------

    def submit(self, screening: Screening) -> tuple[Screening, list[Obligation]]:
        """Submit (a draft) or resubmit (a returned screening) for supervisor review.

        Refused while a required visible item is unanswered or an answer is unusable
        (``IncompleteScreening``), or without a determination confirmed after the last change
        (``InvalidState``). Saves, in one transaction, the screening, the identification it makes
        (if new) and the obligations of the duties not yet discharged; returns the screening and
        the new obligations.
        """
        self._require_editable(screening)
        result = self.compute(screening)
        if not result.complete:
            raise IncompleteScreening(
                list(result.missing_required), [p.item_id for p in result.invalid_answers]
            )
        determination = screening.determination
        if determination is None or screening.result is None:
            raise InvalidState("confirm the determination before submitting")
        if screening.result.risk_level is not result.risk_level:
            raise InvalidState("the answers changed since the determination; confirm it again")
        if determination.track is None:
            raise InvalidState("confirm the determination again (made by an earlier release)")
        if determination.identifies_victim and determination.information_received_at is None:
            raise InvalidState("say when the agency received the information, then confirm")
        next_status = (
            ScreeningStatus.RESUBMITTED
            if screening.status is ScreeningStatus.RETURNED
            else ScreeningStatus.SUBMITTED
        )
        now = now_utc(self.clock)
        submitted = self._evolve(self._transition(screening, next_status), submitted_at=now)
        youth_id = screening.youth_id
        plan = plan_submission(
            screening,
            SubmissionContext(
                actor=self.actor,
                now=now,
                policy=self.policy,
                own_identification_id=self.own_identification_id(screening),
                root_screening_id=self.root_id(screening),
                existing=self.store.records(Obligation, youth_id=youth_id, limit=_MAX_RECORDS),
                identification_of=self.identifications.identification_of(youth_id),
                own=self._own_identification(screening),
                is_stored=lambda identification_id: self.store.exists(
                    Identification, identification_id
                ),
            ),
        )
        with store_errors():
            saved = self.store.save_many(
                [submitted, *plan.changes, *plan.new, *plan.met], actor=self.actor
            )
        saved_screening = saved[0]
        assert isinstance(saved_screening, Screening)
        first_new = 1 + len(plan.changes)
        return saved_screening, [
            o for o in saved[first_new : first_new + len(plan.new)] if isinstance(o, Obligation)
        ]

    def _own_identification(self, screening: Screening) -> Identification | None:
        """The identification the screening's chain made before: stored, or read from the
        earlier release's screenings (then not yet stored)."""
        own = self.own_identification_id(screening)
        return next(
            (i for i in self.identifications.all_for(screening.youth_id) if i.id == own), None
        )

    # -- review and amendment ---------------------------------------------------------------

    def apply_review(
        self,
        screening: Screening,
        decision: ReviewDecision,
        *,
        reviewer: str,
        comment: str = "",
        reviewed_at: datetime | None = None,
    ) -> tuple[Screening, Review]:
        """Record a supervisor's decision on a submitted or resubmitted screening.

        Approved: the screening becomes final (never edited again; see :meth:`amend`).
        Returned (a comment is required): it becomes editable again; the comment is kept in the
        saved ``Review``. Both are saved in one transaction.
        """
        if screening.status not in _REVIEWABLE:
            raise InvalidState(f"a {screening.status.value} screening cannot be reviewed")
        try:
            review = Review(
                screening_id=screening.id,
                screening_version=screening.version,
                decision=decision,
                comment=comment,
                reviewer=reviewer,
                reviewed_at=reviewed_at or now_utc(self.clock),
            )
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        new_status = (
            ScreeningStatus.APPROVED
            if decision is ReviewDecision.APPROVED
            else ScreeningStatus.RETURNED
        )
        decided = self._transition(screening, new_status)
        with store_errors():
            saved_screening, saved_review = self.store.save_many(
                [decided, review], actor=self.actor
            )
        assert isinstance(saved_screening, Screening) and isinstance(saved_review, Review)
        return saved_screening, saved_review

    def amend(self, screening: Screening, *, screening_date: date | None = None) -> Screening:
        """Start an addendum to an approved screening: a new draft with the same youth,
        instrument version and answers, naming it in ``amends_id``. The approved one is left
        untouched. Refused while another addendum of it is still unapproved."""
        current = self.get(screening.id)
        if current.status is not ScreeningStatus.APPROVED:
            raise NotEditable("only an approved screening is amended; edit this one instead")
        pending = [
            other
            for other in self.store.records(
                Screening, youth_id=current.youth_id, limit=_MAX_RECORDS
            )
            if other.amends_id == current.id and other.status is not ScreeningStatus.APPROVED
        ]
        if pending:
            raise InvalidState("this screening already has an addendum in progress")
        now = now_utc(self.clock)
        addendum = Screening(
            youth_id=current.youth_id,
            instrument_id=current.instrument_id,
            instrument_version=current.instrument_version,
            instrument_fingerprint=current.instrument_fingerprint,
            context=current.context,
            screening_date=screening_date or now.astimezone(self.policy.zone).date(),
            screener=self.actor,
            answers=dict(current.answers),
            eligibility=list(current.eligibility),
            notes=current.notes,
            amends_id=current.id,
            missing_episode_id=current.missing_episode_id,
            track=current.track,
            information_received_at=current.information_received_at,
            created_at=now,
            updated_at=now,
        )
        with store_errors():
            return self.store.save(addendum, actor=self.actor)

    # -- the wizard's use cases (each one trip to the database lane) ------------------------

    def open(self, screening_id: UUID) -> OpenedScreening:
        """A screening to show (audited as a view): the record, its exact instrument, the newest
        supervisor decision and, for one still being answered, where it was left."""
        screening = self.view(screening_id)
        reviews = self.reviews(screening_id)
        return OpenedScreening(
            screening,
            self.instrument_for(screening),
            reviews[-1] if reviews else None,
            facts=self.facts(screening),
            left_on_section=self.places.place(screening_id) if screening.editable else None,
        )

    def leave_at(self, screening_id: UUID, section_id: str) -> None:
        """Remember the section the wizard was closed on (read back by :meth:`open`)."""
        self.places.remember(screening_id, section_id)

    def begin(
        self,
        youth_id: UUID,
        instrument_id: str,
        *,
        version: str | None = None,
        context: ScreeningContext = ScreeningContext.ROUTINE,
        missing_episode_id: UUID | None = None,
    ) -> OpenedScreening:
        """:meth:`start` a draft and open it."""
        screening = self.start(
            youth_id,
            instrument_id,
            version=version,
            context=context,
            missing_episode_id=missing_episode_id,
        )
        return OpenedScreening(
            screening, self.instrument_for(screening), facts=self.facts(screening)
        )

    def amend_and_open(self, screening: Screening) -> OpenedScreening:
        """:meth:`amend` an approved screening and open the addendum."""
        addendum = self.amend(screening)
        return OpenedScreening(addendum, self.instrument_for(addendum), facts=self.facts(addendum))

    def instrument_choices(self) -> list[InstrumentChoice]:
        """The newest installed version of every instrument (what a new screening starts with)."""
        newest: dict[str, Instrument] = {}
        for entry in self.registry.entries():  # by id, then version
            newest[entry.instrument.id] = entry.instrument
        return [
            InstrumentChoice(
                instrument.id,
                instrument.version,
                instrument.title.en,
                instrument.title.es,
                instrument.validated,
                instrument.disclaimer.en,
                instrument.disclaimer.es,
            )
            for instrument in newest.values()
        ]

    def summarize(
        self,
        screening: Screening,
        answers: Mapping[str, JsonValue],
        *,
        new_incident: bool | None = None,
    ) -> ScreeningSummary:
        """The result of ``answers`` (perhaps newer than the saved ones), the proposal (with
        the screener's answer to "a new incident?", if given) and what it rests on."""
        current = screening.model_copy(update={"answers": dict(answers)})
        instrument = self.instrument_for(current)
        result = self.compute(current)
        created: set[ObligationKind] = set()
        sources = {screening.id, screening.amends_id} - {None}
        for obligation in self.store.records(
            Obligation, youth_id=screening.youth_id, limit=_MAX_RECORDS
        ):
            if sources & {obligation.screening_id, obligation.identification_id}:
                created.add(obligation.kind)
        with store_errors():
            youth = self.store.get(Youth, screening.youth_id)
        titles = {str(e.id): e.title.get(self.language) for e in instrument.eligibility}
        return ScreeningSummary(
            result=result,
            instrument=instrument,
            proposal=self.propose(current, result, new_incident=new_incident),
            already_created=frozenset(created),
            eligibility=[(titles.get(e.id, e.id), e.finding) for e in result.elements],
            earlier=tuple(self.earlier_identifications(current)),
            born_on=youth.date_of_birth,
            answers=dict(answers),
        )

    def preview_obligations(
        self,
        screening: Screening,
        choice: CsecCategory | LaborFinding,
        risk_level: RiskLevel,
        proposal: Finding,
        *,
        now: datetime,
        received_at: datetime | None = None,
    ) -> list[Obligation]:
        """The obligations a determination of ``choice`` confirmed ``now`` would create, their
        clocks starting at ``received_at`` (pure: the deadline rules with the county's policy;
        nothing is saved). One that confirms an earlier identification creates none."""
        determination = confirm_finding(
            proposal,
            risk_level,
            confirmed_by=self.actor,
            confirmed_at=now,
            received_at=received_at or screening.information_received_at or now,
            category=choice if isinstance(choice, CsecCategory) else None,
            labor_finding=choice if isinstance(choice, LaborFinding) else None,
            override_reason="preview",
        )
        return obligations_for_determination(
            determination,
            youth_id=screening.youth_id,
            screening_id=screening.id,
            policy=self.policy,
        )

    def confirm_and_submit(
        self,
        screening: Screening,
        choice: CsecCategory | LaborFinding | None,
        override_reason: str | None,
        *,
        received_at: datetime | None = None,
        new_incident: bool | None = None,
    ) -> tuple[Screening, list[Obligation]]:
        """:meth:`confirm` the determination (the proposal, or ``choice`` with its reason),
        then :meth:`submit`: one trip, so nothing can change the answers in between."""
        confirmed = self.confirm(
            screening,
            category=choice if isinstance(choice, CsecCategory) else None,
            labor_finding=choice if isinstance(choice, LaborFinding) else None,
            override_reason=override_reason,
            received_at=received_at,
            new_incident=new_incident,
        )
        outcome = self.submit(confirmed)
        self.places.forget(screening.id)
        return outcome

    def discard(self, screening: Screening) -> Screening:
        """Discard a draft the caseworker gave up on: it becomes read only and counts nowhere,
        audited and synced (the server learns it was given up). It is kept, never deleted: a
        draft may hold what a youth said. Only a draft is discarded (``InvalidState``): a
        submitted screening is decided by review, a returned one is resubmitted or corrected."""
        current = self.get(screening.id)
        if current.version != screening.version:
            screening = current  # the newest autosave: what is discarded is what was typed
        if screening.status is not ScreeningStatus.DRAFT:
            raise InvalidState(f"a {screening.status.value} screening cannot be discarded")
        discarded = self._save(self._transition(screening, ScreeningStatus.DISCARDED))
        self.places.forget(screening.id)
        return discarded

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _require_editable(screening: Screening) -> None:
        if not screening.editable:
            raise NotEditable(
                f"a {screening.status.value} screening cannot be changed"
                + (" (start an addendum)" if screening.status is ScreeningStatus.APPROVED else "")
            )

    @staticmethod
    def _transition(screening: Screening, status: ScreeningStatus) -> Screening:
        try:
            return screening.with_status(status)
        except InvalidTransition as exc:
            raise InvalidState(str(exc)) from None
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None

    @staticmethod
    def _evolve(screening: Screening, **changes: object) -> Screening:
        try:
            return screening.evolve(**changes)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None

    def _save(self, screening: Screening) -> Screening:
        with store_errors():
            return self.store.save(screening, actor=self.actor)


__all__ = ["ScreeningService"]
