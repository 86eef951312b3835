"""peewee records of a book; classes end in Record so "model" always means a Qt item model."""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class SettingRecord(Model):
    """A key/value fact of the book: the branch's name, its committee, chosen rule set…"""

    key = CharField(primary_key=True)
    value = TextField(default="")

    class Meta:
        table_name = "setting"


class MemberRecord(Model):
    """One person on the roster. Rows are never deleted; leaving sets left_reason."""

    name = CharField()
    stage = CharField()
    sex = CharField(default="")
    ethnicity = CharField(default="")
    birth_date = DateField(null=True)
    id_number = CharField(default="", index=True)
    education = CharField(default="")
    native_place = CharField(default="")
    work_start = DateField(null=True)
    joined_on = DateField(null=True)
    full_on = DateField(null=True)
    position = CharField(default="")
    phone = CharField(default="")
    address = CharField(default="")
    party_post = CharField(default="")
    group = CharField(default="", column_name="party_group")
    sponsors = CharField(default="")
    lost_contact = BooleanField(default=False)
    floating = BooleanField(default=False)
    notes = TextField(default="")
    left_on = DateField(null=True)
    left_reason = CharField(null=True)
    left_note = CharField(default="")

    class Meta:
        table_name = "member"


class EventRecord(Model):
    """A step of a person's development path, or an assessment, report or extension."""

    member = ForeignKeyField(MemberRecord, backref="events", on_delete="RESTRICT")
    kind = CharField()
    step = IntegerField(null=True)
    on = DateField()
    people = CharField(default="")
    meeting = CharField(default="")
    quantity = FloatField(null=True)
    unit = CharField(default="")
    notes = TextField(default="")
    exception = TextField(default="")
    violations = TextField(default="")

    class Meta:
        table_name = "event"
        indexes = ((("member", "on"), False),)  # v6: one person's path in date order


class MaterialRecord(Model):
    """A document of a person's file ticked by hand as present (自传, 公示材料 …)."""

    member = ForeignKeyField(MemberRecord, backref="materials", on_delete="RESTRICT")
    document = CharField()

    class Meta:
        table_name = "material"
        indexes = ((("member", "document"), True),)


class MeetingRecord(Model):
    """A meeting of the branch (三会一课 and the others), its record's fields."""

    kind = CharField()
    theme_day = BooleanField(default=False)
    on = DateField(index=True)
    start = CharField(default="")
    end = CharField(default="")
    place = CharField(default="")
    host = CharField(default="")
    recorder = CharField(default="")
    group = CharField(default="", column_name="party_group")
    observers = TextField(default="")
    agenda = TextField(default="")
    content = TextField(default="")
    resolutions = TextField(default="")
    lecturer = CharField(default="")
    topic = CharField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "meeting"


class AttendanceRecord(Model):
    """One expected attendee of a meeting and whether they came."""

    meeting = ForeignKeyField(MeetingRecord, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(MemberRecord, backref="attendance", on_delete="RESTRICT")
    presence = CharField()
    reason = CharField(default="")
    excluded = BooleanField(default=False)
    excluded_reason = CharField(default="")
    can_vote = BooleanField(default=True)

    class Meta:
        table_name = "attendance"
        # v6: each member's first and last meeting (store/meetings.expected_everywhere) read
        # from the index alone, not 300 000 table rows
        indexes = (
            (("meeting", "member"), True),
            (("member", "excluded", "presence", "meeting"), False),
        )


class VoteRecord(Model):
    """A vote taken at a meeting."""

    meeting = ForeignKeyField(MeetingRecord, backref="votes", on_delete="CASCADE")
    matter = CharField()
    yes = IntegerField(default=0)
    no = IntegerField(default=0)
    abstain = IntegerField(default=0)
    written_yes = IntegerField(default=0)
    written_no = IntegerField(default=0)
    method = CharField(default="举手表决")
    member = ForeignKeyField(MemberRecord, null=True, backref="votes", on_delete="RESTRICT")
    step = IntegerField(null=True)

    class Meta:
        table_name = "vote"


class AppraisalRecord(Model):
    """The year's 民主评议党员 round."""

    year = IntegerField(unique=True)
    on = DateField(null=True)
    meeting = ForeignKeyField(MeetingRecord, null=True, on_delete="SET NULL")
    handed_out = IntegerField(default=0)
    returned = IntegerField(default=0)
    steps = TextField(default="{}")  # JSON: step -> [iso date or null, note]

    class Meta:
        table_name = "appraisal"


class AppraisalEntryRecord(Model):
    """One member's tally, score and grade in a round."""

    appraisal = ForeignKeyField(AppraisalRecord, backref="entries", on_delete="CASCADE")
    member = ForeignKeyField(MemberRecord, on_delete="RESTRICT")
    excellent = IntegerField(default=0)
    qualified = IntegerField(default=0)
    basic = IntegerField(default=0)
    unqualified = IntegerField(default=0)
    score = FloatField(null=True)
    grade = CharField(null=True)
    reason = CharField(default="")
    handling = CharField(default="")

    class Meta:
        table_name = "appraisal_entry"
        indexes = ((("appraisal", "member"), True),)


class StudyRecord(Model):
    """A study session, or (member set) one member's own study."""

    on = DateField(index=True)
    topic = CharField()
    form = CharField()
    hours = FloatField()
    materials = TextField(default="")
    presenter = CharField(default="")
    place = CharField(default="")
    guests = TextField(default="")
    notes = TextField(default="")
    meeting = ForeignKeyField(MeetingRecord, null=True, on_delete="SET NULL")
    member = ForeignKeyField(MemberRecord, null=True, on_delete="RESTRICT")

    class Meta:
        table_name = "study"


class StudyParticipantRecord(Model):
    """One member who took part in a study session."""

    study = ForeignKeyField(StudyRecord, backref="participants", on_delete="CASCADE")
    member = ForeignKeyField(MemberRecord, on_delete="RESTRICT")

    class Meta:
        table_name = "study_participant"
        indexes = ((("study", "member"), True),)


class ChangeRecord(Model):
    """One change to a ledger record, written by the database's own triggers (store/audit.py):
    when, which table and row, insert/update/delete, and the row before and after as JSON.
    Append-only: the triggers refuse to update or delete it."""

    at = CharField()  # local time, "2026-11-22 09:30:00"
    table = CharField(column_name="table_name")
    row_key = CharField()
    action = CharField()  # insert / update / delete
    old = TextField(null=True)
    new = TextField(null=True)

    class Meta:
        table_name = "change_log"
        indexes = ((("table", "row_key"), False),)


class AuditPauseRecord(Model):
    """Present (one row) only inside a transaction that copies records in unchanged, such as
    restoring a data package: its rows are not new changes."""

    class Meta:
        table_name = "audit_pause"


class BranchPackageRecord(Model):
    """A township collection's copy of one branch's data package (the zip, as it came)."""

    branch = CharField(unique=True)  # the branch's name: one package per branch
    school = CharField(default="")
    committee = CharField(default="")
    scope = CharField(default="")  # 全部 or the year, as the manifest says
    created_at = CharField(default="")  # when the branch wrote it (manifest, ISO)
    imported_at = CharField(default="")
    manifest = TextField(default="{}")  # JSON, as in the package
    sha256 = CharField(default="")  # of the whole file
    content = BlobField()

    class Meta:
        table_name = "branch_package"


class TalkRecord(Model):
    """A 谈心谈话: who talked with whom (a roster member or free text), about what."""

    on = DateField(index=True)
    first = ForeignKeyField(MemberRecord, on_delete="RESTRICT")
    second = ForeignKeyField(MemberRecord, null=True, on_delete="RESTRICT")
    second_name = CharField(default="")
    topic = CharField()
    content = TextField(default="")
    follow_up = TextField(default="")

    class Meta:
        table_name = "talk"


class TransferRecord(Model):
    """A transfer of a member's organisational relation in or out (组织关系转接)."""

    direction = CharField()
    on = DateField(index=True)
    member = ForeignKeyField(MemberRecord, null=True, on_delete="RESTRICT")
    organisation = CharField()
    letter_no = CharField(default="")
    receipt_back = BooleanField(default=False)
    receipt_on = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        table_name = "transfer"


class ElectionRecord(Model):
    """A 换届选举 of the branch committee."""

    on = DateField(index=True)
    should_attend = IntegerField()
    present = IntegerField()
    seats = IntegerField()
    notes = TextField(default="")

    class Meta:
        table_name = "election"


class CandidateRecord(Model):
    """A candidate of an election, their votes and the post given if elected."""

    election = ForeignKeyField(ElectionRecord, backref="candidates", on_delete="CASCADE")
    member = ForeignKeyField(MemberRecord, on_delete="RESTRICT")
    votes = IntegerField(default=0)
    post = CharField(default="")

    class Meta:
        table_name = "candidate"
        indexes = ((("election", "member"), True),)


class PartyGroupRecord(Model):
    """A 党小组 and its leader; its members are those whose `party_group` names it."""

    name = CharField(unique=True)
    leader = ForeignKeyField(MemberRecord, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "party_group"


class DuesBaseRecord(Model):
    """A member's dues category and monthly base for a year, from a month (年初核定 or a change)."""

    member = ForeignKeyField(MemberRecord, on_delete="RESTRICT")
    year = IntegerField()
    from_month = IntegerField(default=1)
    category = CharField()
    base_fen = IntegerField(default=0)  # money in fen, never float
    reason = TextField(default="")
    set_on = DateField(null=True)

    class Meta:
        table_name = "dues_base"
        indexes = (
            (("member", "year", "from_month"), True),
            (("year", "member", "from_month"), False),  # v6: a year's bases, by member
        )


class DuesPaymentRecord(Model):
    """One month's dues paid by one member."""

    member = ForeignKeyField(MemberRecord, on_delete="RESTRICT")
    year = IntegerField()
    month = IntegerField()
    amount_fen = IntegerField()
    paid_on = DateField()
    note = CharField(default="")

    class Meta:
        table_name = "dues_payment"
        indexes = (
            (("member", "year", "month"), True),
            (("year", "member", "month"), False),  # v6: a year's payments, by member
        )


class BranchFiguresRecord(Model):
    """A township collection's figures of one branch for one year, computed from its package
    when the package came in (domain/township.py BranchYear). Derived data: recomputed from the
    package whenever it is replaced or the figures' version changes; not audited."""

    branch = CharField()
    year = IntegerField()
    version = IntegerField()
    as_of = DateField()
    should_attend = IntegerField(default=0)
    present = IntegerField(default=0)
    figures = TextField()  # JSON: the Figures with their records

    class Meta:
        table_name = "branch_figures"
        indexes = ((("branch", "year"), True), (("year", "branch"), False))  # v6: a year's


class AttachmentRecord(Model):
    """A file attached to one record (v7): its bytes are in the book's content-addressed folder
    beside the file (store/attachments.py), named by sha256; this row says whose it is. Exactly
    one owner column is set; a deleted owner leaves it NULL (the attachment then goes to the
    recycle bin). removed_at set: in the recycle bin, purged RECYCLE_DAYS later."""

    sha256 = CharField(index=True)
    size = IntegerField()
    kind = CharField()  # jpg / png / pdf / heic, from the content
    name = CharField()  # the file's own name when it was attached
    caption = TextField(default="")
    added_at = CharField()  # local time, "2026-11-22 09:30:00"
    removed_at = CharField(null=True)
    meeting = ForeignKeyField(MeetingRecord, null=True, on_delete="SET NULL")
    study = ForeignKeyField(StudyRecord, null=True, on_delete="SET NULL")
    event = ForeignKeyField(EventRecord, null=True, on_delete="SET NULL")
    member = ForeignKeyField(MemberRecord, null=True, on_delete="SET NULL")
    talk = ForeignKeyField(TalkRecord, null=True, on_delete="SET NULL")
    transfer = ForeignKeyField(TransferRecord, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "attachment"
        indexes = (
            (("meeting",), False),
            (("study",), False),
            (("event",), False),
            (("member",), False),
            (("talk",), False),
            (("transfer",), False),
        )


MODELS = [
    SettingRecord,
    MemberRecord,
    EventRecord,
    MaterialRecord,
    MeetingRecord,
    AttendanceRecord,
    VoteRecord,
    AppraisalRecord,
    AppraisalEntryRecord,
    StudyRecord,
    StudyParticipantRecord,
    ChangeRecord,
    AuditPauseRecord,
    BranchPackageRecord,
    TalkRecord,
    TransferRecord,
    ElectionRecord,
    CandidateRecord,
    PartyGroupRecord,
    DuesBaseRecord,
    DuesPaymentRecord,
    BranchFiguresRecord,
    AttachmentRecord,
]
