"""The attendance of a conference, in one grid saved with one button: a row per invitee,
all rows or none, errors named by row and field, nothing typed lost, and rows someone
else recorded meanwhile refused rather than overwritten."""

from html.parser import HTMLParser
from typing import Any

from maillage.audit.models import AuditEvent
from maillage.conferences import meeting
from maillage.conferences.models import Invitation
from maillage.network.models import Actor

from .test_meeting_base import MeetingTestCase


class _GridForm(HTMLParser):
    """What a browser sends from the attendance form left as shown: every input with
    its value, a radio only when checked."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.forms = 0
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("action", "").endswith("/meeting/attendance/"):
            self.inside = True
            self.forms += 1
        elif tag == "input" and self.inside and found.get("name"):
            if found.get("type") == "radio" and "checked" not in found:
                return
            self.data[found["name"]] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


class AttendanceGridTests(MeetingTestCase):
    @property
    def url(self) -> str:
        return f"/conferences/{self.conference.pk}/meeting/attendance/"

    def shown(self) -> dict[str, str]:
        """The grid as the meeting page shows it, as it would be sent untouched."""
        parser = _GridForm()
        parser.feed(self.client.get(self.meeting_url).content.decode())
        self.assertEqual(parser.forms, 1)
        return parser.data

    def field(self, actor: Actor, name: str) -> str:
        return f"attendance-{self.invitation(actor).pk}-{name}"

    def fill(self, data: dict[str, str], actor: Actor, **values: Any) -> dict[str, str]:
        for name, value in values.items():
            data[self.field(actor, name)] = str(value)
        return data

    def recorded(self, actor: Actor) -> tuple[str, str, int | None]:
        invitation = self.invitation(actor)
        return invitation.attendance, invitation.represents, invitation.duration_minutes

    def test_the_page_has_one_form_a_row_per_invitee_and_one_button(self):
        self.login(self.olivier)
        response = self.client.get(self.meeting_url)
        self.assertContains(response, "Save attendance", count=1)
        for actor in (self.person, self.camille_actor, self.gp, self.psychiatrist, self.cpas):
            self.assertContains(response, f'id="attendance-{self.invitation(actor).pk}"')
        # A professional not recorded yet: their organisation and the duration proposed.
        data = self.shown()
        self.assertEqual(data[self.field(self.gp, "represents")], "Maison médicale du Midi")
        self.assertEqual(data[self.field(self.gp, "duration_minutes")], "90")
        self.assertNotIn(self.field(self.gp, "attendance"), data)

    def test_one_save_records_every_row(self):
        self.login(self.camille)
        data = self.shown()
        self.fill(data, self.person, attendance="present", duration_minutes=60)
        self.fill(data, self.camille_actor, attendance="present")
        self.fill(data, self.gp, attendance="present", duration_minutes=45)
        self.fill(data, self.psychiatrist, attendance="excused")  # 90 minutes left proposed
        self.fill(data, self.cpas, attendance="absent", represents="CPAS d'Ixelles")
        response = self.client.post(self.url, data)
        self.assertRedirects(
            response, f"{self.meeting_url}#attendance", fetch_redirect_response=False
        )
        self.assertEqual(self.recorded(self.person), ("present", "", 60))
        self.assertEqual(self.recorded(self.camille_actor), ("present", "Brusano", 90))
        self.assertEqual(self.recorded(self.gp), ("present", "Maison médicale du Midi", 45))
        # Excused or absent: no time spent stored, and no error for the proposed one.
        self.assertEqual(self.recorded(self.psychiatrist), ("excused", "CGG Brussel", None))
        self.assertEqual(self.recorded(self.cpas), ("absent", "CPAS d'Ixelles", None))
        events = AuditEvent.objects.filter(verb="conference.attendance_recorded")
        self.assertEqual(events.count(), 5)
        self.assertEqual({e.part for e in events}, {"conferences"})
        page = self.client.get(self.meeting_url)
        self.assertContains(page, "The attendance is saved.")
        self.assertContains(page, "The person was present: yes")

    def test_with_htmx_the_section_comes_back_saved_and_reads_back(self):
        self.login(self.camille)
        data = self.fill(self.shown(), self.gp, attendance="present", duration_minutes=75)
        response = self.client.post(self.url, data, HTTP_HX_REQUEST="true")
        self.assertContains(response, 'id="attendance"')
        self.assertContains(response, "The attendance is saved.")
        self.assertNotContains(response, 'id="decisions"')
        shown = self.shown()
        self.assertEqual(shown[self.field(self.gp, "attendance")], "present")
        self.assertEqual(shown[self.field(self.gp, "duration_minutes")], "75")
        self.assertEqual(shown[self.field(self.gp, "version")], "2")
        self.assertEqual(self.invitation(self.cpas).version, 1)  # untouched rows stay

    def test_saving_the_grid_unchanged_changes_nothing(self):
        meeting.record_attendance(
            self.invitation(self.cpas),
            meeting.AttendanceData("excused"),
            by=self.noor,
            version=None,
        )
        self.login(self.camille)
        response = self.client.post(self.url, self.shown())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.recorded(self.cpas), ("excused", "", None))
        self.assertEqual(self.recorded(self.gp), ("", "", None))
        self.assertEqual(
            AuditEvent.objects.filter(verb="conference.attendance_recorded").count(), 1
        )

    def test_an_error_names_its_row_and_field_and_nothing_is_saved_or_lost(self):
        self.login(self.camille)
        data = self.shown()
        self.fill(data, self.gp, attendance="present", duration_minutes=99999)
        self.fill(data, self.cpas, attendance="present", represents="CPAS d'Ixelles")
        self.fill(data, self.psychiatrist, represents="CGG Brussel-Noord")  # no status
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Nothing was saved.")
        self.assertContains(
            response, "Martine Peeters (Maison médicale du Midi) — Time spent (minutes)</a>:"
        )
        self.assertContains(response, f'id="{self.field(self.gp, "duration_minutes")}_error"')
        self.assertContains(
            response, "Jan Claes (CGG Brussel) — Attendance</a>: Choose present, excused or absent."
        )
        self.assertContains(response, 'value="99999"')
        self.assertContains(response, 'value="CPAS d&#x27;Ixelles"')
        self.assertContains(response, 'value="CGG Brussel-Noord"')
        self.assertEqual(self.recorded(self.cpas), ("", "", None))
        self.assertFalse(AuditEvent.objects.filter(verb="conference.attendance_recorded").exists())

    def test_a_row_recorded_meanwhile_is_refused_then_replaced_knowingly(self):
        self.login(self.camille)
        data = self.shown()
        meeting.record_attendance(
            self.invitation(self.gp),
            meeting.AttendanceData("present", duration_minutes=60),
            by=self.noor,
            version=1,
        )
        self.fill(data, self.gp, attendance="absent")
        self.fill(data, self.cpas, attendance="present", duration_minutes=30)
        response = self.client.post(self.url, data, HTTP_HX_REQUEST="true")
        self.assertContains(response, "Someone else recorded this row meanwhile (present, 60")
        self.assertContains(response, "Nothing was saved.")
        # Nothing of the grid was saved, the other rows included.
        self.assertEqual(self.recorded(self.gp), ("present", "", 60))
        self.assertEqual(self.recorded(self.cpas), ("", "", None))
        # What was typed stays, now based on the version recorded meanwhile.
        self.assertContains(response, f'name="{self.field(self.gp, "version")}" value="2"')
        self.assertRegex(
            response.content.decode(),
            rf'value="absent"[^>]*id="{self.field(self.gp, "attendance")}_2"[^>]*checked',
        )
        self.fill(data, self.gp, version=2)
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(self.recorded(self.gp), ("absent", "Maison médicale du Midi", None))
        self.assertEqual(self.recorded(self.cpas), ("present", "CPAS de Saint-Gilles", 30))

    def test_an_untouched_row_keeps_what_someone_else_recorded_meanwhile(self):
        self.login(self.camille)
        data = self.shown()
        meeting.record_attendance(
            self.invitation(self.gp),
            meeting.AttendanceData("present", duration_minutes=60),
            by=self.noor,
            version=1,
        )
        self.fill(data, self.cpas, attendance="present")
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(self.recorded(self.gp), ("present", "", 60))
        self.assertEqual(self.recorded(self.cpas)[0], "present")

    def test_an_invitee_added_after_the_page_was_read_is_left_alone(self):
        self.login(self.camille)
        data = self.fill(self.shown(), self.gp, attendance="present")
        mother = Invitation.objects.create(
            conference=self.conference, actor=self.mother, attendance="excused"
        )
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        mother.refresh_from_db()
        self.assertEqual((mother.attendance, mother.version), ("excused", 1))
        self.assertEqual(self.recorded(self.gp)[0], "present")

    def test_all_or_nothing_in_the_action(self):
        gp, cpas = self.invitation(self.gp), self.invitation(self.cpas)
        meeting.record_attendance(cpas, meeting.AttendanceData("absent"), by=self.noor, version=1)
        rows = [
            meeting.AttendanceRow(gp, meeting.AttendanceData("present"), version=1),
            meeting.AttendanceRow(cpas, meeting.AttendanceData("present"), version=1),
        ]
        with self.assertRaises(meeting.RowsRefused) as refused:
            meeting.record_attendances(self.conference, rows, by=self.camille)
        self.assertEqual(list(refused.exception.errors), [cpas.pk])
        self.assertEqual(self.recorded(self.gp), ("", "", None))

    def test_a_reader_sees_the_attendance_without_a_form(self):
        meeting.record_attendance(
            self.invitation(self.gp),
            meeting.AttendanceData("present", "Maison médicale du Midi", 45),
            by=self.camille,
            version=None,
        )
        self.case.phase = "closed"
        self.case.save()
        self.login(self.camille)
        response = self.client.get(self.meeting_url)
        self.assertNotContains(response, "Save attendance")
        self.assertContains(response, "<td>Maison médicale du Midi</td>", html=True)
        self.assertContains(response, "<td>45</td>", html=True)
        self.assertEqual(self.client.post(self.url, {}).status_code, 403)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url, {}).status_code, 404)
