"""Finding the way out, through HTTP: alternatives appraised, experts consulted,
filings with SP4N-LAPOR!'s clock and the answers, feedback after the decision."""

import datetime

import pytest
from django.urls import reverse

from pendamping.advocate import finding, limits
from pendamping.advocate.models import Alternative, Consultation, Feedback, Filing, FilingAnswer
from pendamping.history import AppendOnlyError

from .conftest import receive_group

D = datetime.date


@pytest.fixture
def complaint(world, client):
    client.force_login(world.a.users["worker"])
    return receive_group(world.a)[0]


def page(client, c):
    return client.get(reverse("complaint_detail", args=[c.pk])).content.decode()


class TestAlternatives:
    def test_an_option_is_appraised_chosen_with_why_and_tried_with_a_result(
        self, client, complaint
    ):
        r = client.post(reverse("complaint_alternative_add", args=[complaint.pk]),
                        {"title": "Musyawarah dengan operator desa", "benefits": "Cepat",
                         "drawbacks": "Operator bisa menolak", "feasibility": "high",
                         "cost": "Tanpa biaya", "risk": "Warga dicap pembuat masalah"})  # fmt: skip
        assert r.status_code == 302
        alt = Alternative.objects.get()
        url = reverse("complaint_alternative_status", args=[alt.pk])
        client.post(url, {"status": "chosen", "note": "", "version": alt.version})
        alt.refresh_from_db()
        assert alt.status == "proposed"  # a choice needs its why
        client.post(url, {"status": "chosen", "note": "Paling murah", "version": alt.version})
        alt.refresh_from_db()
        client.post(
            url, {"status": "tried", "note": "Operator memperbaiki 20 data", "version": alt.version}
        )
        alt.refresh_from_db()
        assert (alt.status, alt.why_chosen, alt.result) == (
            "tried",
            "Paling murah",
            "Operator memperbaiki 20 data",
        )
        html = page(client, complaint)
        assert "Warga dicap pembuat masalah" in html and "Operator memperbaiki 20 data" in html

    def test_an_empty_option_is_a_clear_error(self, client, complaint):
        r = client.post(reverse("complaint_alternative_add", args=[complaint.pk]), {"title": ""})
        assert r.status_code == 422 and not Alternative.objects.exists()


class TestExperts:
    def test_the_directory_and_a_consultation(self, client, world, complaint):
        r = client.post(reverse("expert_list"), {"name": "LBH Bandung", "organisation": "YLBHI",
                                                 "fields": ["legal_aid", "land"],
                                                 "languages": "Indonesia, Sunda"})  # fmt: skip
        assert r.status_code == 302
        html = client.get(reverse("expert_list")).content.decode()
        assert "LBH Bandung" in html and "Bantuan hukum, Pertanahan" in html
        expert = finding.Expert.objects.get()
        r = client.post(reverse("complaint_consultation_add", args=[complaint.pk]),
                        {"expert": expert.pk, "asked_on": "2026-11-30", "question": "Bisakah digugat?",
                         "advice": "Tempuh jalur Ombudsman dulu"})  # fmt: skip
        assert r.status_code == 302
        assert "Tempuh jalur Ombudsman dulu" in page(client, complaint)
        # agency B neither sees the expert nor may consult it
        client.force_login(world.b.users["worker"])
        assert "LBH Bandung" not in client.get(reverse("expert_list")).content.decode()

    def test_an_expert_needs_a_field(self, client, complaint):
        assert client.post(reverse("expert_list"), {"name": "Pak Ahli"}).status_code == 422

    def test_another_agencys_expert_cannot_be_consulted(self, client, world, complaint):
        other = finding.expert_save(
            actor=world.b.users["worker"], data={"name": "X", "fields": ["health"]}
        )
        r = client.post(reverse("complaint_consultation_add", args=[complaint.pk]),
                        {"expert": other.pk, "asked_on": "2026-11-30", "question": "?"})  # fmt: skip
        assert r.status_code == 422 and not Consultation.objects.exists()


class TestFilings:
    def test_sp4n_lapor_limits_count_working_days(self):
        # Filed Thu 27 Mar 2025: verify by Thu 3 Apr (28 Mar, 2 and 3 Apr; Idul Fitri 31 Mar–1 Apr),
        # follow up 5 working days later (Thu 10 Apr), closed 10 after that (Fri 25 Apr;
        # Good Friday 18 Apr is a holiday).
        steps = limits.due_dates("sp4n_lapor", D(2025, 3, 27))
        assert [(s["step"], s["due"]) for s in steps] == [
            ("verify_forward", D(2025, 4, 3)), ("follow_up", D(2025, 4, 10)),
            ("close_without_reply", D(2025, 4, 25)),
        ]  # fmt: skip
        assert limits.due_dates("ombudsman", D(2025, 3, 27)) == []

    def test_a_filing_shows_its_clock_and_takes_answers(self, client, complaint):
        r = client.post(reverse("complaint_filing_add", args=[complaint.pk]),
                        {"body": "sp4n_lapor", "filed_on": "2025-03-27", "channel": "lapor.go.id",
                         "their_number": "LAP-123456"})  # fmt: skip
        assert r.status_code == 302
        html = page(client, complaint)
        assert "LAP-123456" in html and "03 Apr 2025" in html and "lewat, belum ada jawaban" in html
        filing = Filing.objects.get()
        r = client.post(reverse("complaint_filing_answer_add", args=[filing.pk]),
                        {"received_on": "2025-03-01", "summary": "Sebelum diajukan"})  # fmt: skip
        assert r.status_code == 422 and not FilingAnswer.objects.exists()
        client.post(reverse("complaint_filing_answer_add", args=[filing.pk]),
                    {"received_on": "2025-04-02", "summary": "Diteruskan ke Dinsos"})  # fmt: skip
        html = page(client, complaint)
        assert "Diteruskan ke Dinsos" in html and "lewat, belum ada jawaban" not in html

    def test_a_responsible_office_needs_its_name_and_no_future_dates(self, client, complaint):
        url = reverse("complaint_filing_add", args=[complaint.pk])
        assert client.post(url, {"body": "responsible_office", "filed_on": "2025-03-27",
                                 "channel": "Surat"}).status_code == 422  # fmt: skip
        assert client.post(url, {"body": "kpai", "filed_on": "2999-01-01",
                                 "channel": "Surat"}).status_code == 422  # fmt: skip
        assert not Filing.objects.exists()


class TestFeedback:
    def test_feedback_comes_after_the_decision_and_stays(self, client, world, complaint):
        url = reverse("complaint_feedback_add", args=[complaint.pk])
        assert client.post(url, {"satisfaction": 4}).status_code == 422
        client.post(reverse("complaint_decide", args=[complaint.pk]),
                    {"decision": "upheld", "reason": "Data diperbaiki", "version": complaint.version})  # fmt: skip
        assert client.post(url, {"satisfaction": 9}).status_code == 422
        assert client.post(url, {"satisfaction": 4, "comment": "Terima kasih"}).status_code == 302
        assert "kepuasan 4 dari 5" in page(client, complaint)
        with pytest.raises(AppendOnlyError):
            Feedback.objects.get().save()
