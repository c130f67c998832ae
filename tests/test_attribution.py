"""Attribution frames: who claimed, denied or blamed, and whom pronouns stand for."""

from __future__ import annotations

import pytest

from verifier import extract_claims
from verifier.types import Claim


def _only(text: str, kind: str) -> list[Claim]:
    return [c for c in extract_claims(text) if c.kind == kind]



@pytest.mark.parametrize(
    ("sentence", "stance", "actor"),
    [
        ("The Taliban denied being behind the attack.", "denied", "Taliban"),
        # as outlets phrase it (paraphrases of real reporting)
        ("Militia group claims responsibility for deadly ambush near the border", "claimed", "Militia group"),
        ("The Pakistani Taliban took responsibility for the bombing in a statement.", "claimed", "Pakistani Taliban"),
        ("Provincial officials, who blamed the Red Hand, vowed to respond.", "blamed", "Provincial officials"),
        ("Ankara and Tehran have both denied involvement in the raid.", "denied", "Ankara and Tehran"),
        ("The Red Hand said it had absolutely nothing to do with the blast.", "denied", "Red Hand"),
        ("The ministry dismissed the allegations as lies.", "denied", "ministry"),
        ("The bombing, which the Islamic State group has claimed, killed nine.", "claimed", "Islamic State"),
        ("The attack was carried out by two suicide bombers, General Mark Ellis said.", "blamed", "Mark Ellis"),
        ("The army condemned the militia for deliberately targeting civilians.", "blamed", "army"),
        ("The initial police probe showed that the banned outfit was involved.", "blamed", "police probe"),
        ("Gunmen kill 4 soldiers in North Waziristan; TTP claims attack", "claimed", "TTP"),
        ("On June 22, 2025, the group Saraya Ansar al-Sunna claimed responsibility for the bombing.", "claimed", "Saraya Ansar al-Sunna"),
        ("Notably, on June 23, 2025, the interim government blamed the attack on IS.", "blamed", "interim government"),
        ("The interim government claimed that IS was responsible for the attack.", "blamed", "interim government"),
        ("The military confirmed that they had conducted an operation in the village.", "claimed", "military"),
        ("The gunman was suspected of killing eight people overnight, the Interior Ministry said.", "blamed", "Interior Ministry"),
        ('"Our findings show the separatist PKK is responsible" for the attack, Soylu went on.', "blamed", "Soylu"),
        ('"I condemn these acts perpetrated by foreign terrorists," said the president, Ferdinand Marcos.', "blamed", "Marcos"),
        ("The Houthis, who control much of the north, claimed to have fired a missile at the tanker.", "claimed", "Houthis"),
        ("ISWAP claimed it killed 30 soldiers in the raid.", "claimed", "ISWAP"),
        ("Ugandan authorities blame the Allied Democratic Forces for the deadly assault.", "blamed", "Ugandan authorities"),
        ("Earlier, police had pinned the attack on the Allied Democratic Forces.", "blamed", "police"),
        ("An attack on the shrine in October 2022, which ISIS claimed, killed 13 people.", "claimed", "ISIS"),
        ("The Baloch Liberation Army denied its involvement in the blast.", "denied", "Baloch Liberation Army"),
        ("Investigators said the gunmen were acting on the orders of a senior commander.", "blamed", "Investigators"),
        ('In a statement claiming the attack, al-Shabab said "politicians" were among the dead.', "claimed", "al-Shabab"),
        ("The M23 rebels, who hold large areas of Rutshuru territory, where Kishishe lies, have denied responsibility.", "denied", "M23 rebels"),
        ('"We in al-Qaida announce this blessed operation," Belmokhtar says in the video.', "claimed", "Belmokhtar"),
        ("In an IS-claimed bombing last month, 19 worshippers were killed.", "claimed", "IS"),
        ("A group calling itself Ansar al-Din claimed the kidnapping in a video.", "claimed", "Ansar al-Din"),
        ("The army's media wing held the 'foreign-backed' militants responsible for the ambush.", "blamed", "army"),
        ("In a statement, the Taliban denied involvement.", "denied", "Taliban"),
        ("The Taliban, however, denied involvement.", "denied", "Taliban"),
        ("Israel denied any involvement in the explosion.", "denied", "Israel"),
        ("An Israeli official said Israel had nothing to do with the explosion.", "denied", "Israel"),
        ("A spokesman said the group was not responsible.", "denied", "spokesman"),
        ("The militia rejected the accusation.", "denied", "militia"),
        ("The Islamic State group has claimed responsibility for the attack.", "claimed", "Islamic State"),
        ("The Islamic State group said it was behind the attack.", "claimed", "Islamic State"),
        ("The Islamic State group later said it had carried out the attack.", "claimed", "Islamic State"),
        ("Interior Minister Rada Kostel blamed the opposition for the violence.", "blamed", "Kostel"),
        ("Some officials continued to point the finger at the rebels.", "blamed", "officials"),
        ("Customs chief Badri Daher blamed the courts.", "blamed", "Daher"),
        ("The movement, which the minister has accused of organising the riots, denied any role.", "denied", "movement"),
        ("The Eastern Front, a rebel alliance that holds the valley, held the army responsible.", "blamed", "Eastern Front"),
        ("A spokesman for the Eastern Front, an armed group that operates in the hills, denied any role.", "denied", "Eastern Front"),
        ("The governor, Col Ali Musa, blamed the Red Hand, a militia active in the area.", "blamed", "Ali Musa"),
        ("The ministry rejected suggestions that it had ignored warnings.", "denied", "ministry"),
        ("The Red Hand rejected any link to the attack.", "denied", "Red Hand"),
        ("The Red Hand said on Tuesday it had carried out the raid.", "claimed", "Red Hand"),
        ("The blast, claimed by the Red Hand, killed three.", "claimed", "Red Hand"),
        ("The mayor said the contractor was responsible for the collapse.", "blamed", "mayor"),
        ("The group said in a statement on Telegram that its fighters had carried out the raid.", "claimed", "group"),
        ("The movement said it had no involvement in the killings.", "denied", "movement"),
        ("The party distanced itself from the attack.", "denied", "party"),
        ("Officials said the militia was to blame for the massacre.", "blamed", "Officials"),
        ("Officials suspect the militia orchestrated the attack.", "blamed", "Officials"),
        ("The Red Hand, one of more than 100 armed groups in the east, claimed responsibility.", "claimed", "Red Hand"),
        ("Mayor Ana Ruiz condemned the attack and pointed the finger at the militia.", "blamed", "Ana Ruiz"),
        ("The ministry says its forces carried out a strike on the depot.", "claimed", "ministry"),
        ("The embassy said in a statement that Norland had no involvement in the attack.", "denied", "Norland"),
        ("Lena Varga, head of the Civic Union, told reporters the party had played no part.", "denied", "Civic Union"),
        # blame as governments and clerics phrase it
        ("Nigerian officials name Islamic State affiliate as suspect in church attack", "blamed", "Nigerian officials"),
        ("On Thursday Interior Minister Rauf Bello named the Red Hand as the suspected perpetrator.", "blamed", "Rauf Bello"),
        ("The archbishop, however, holds Fulani herdsmen responsible for the attack.", "blamed", "archbishop"),
        ("The authorities now think the Red Hand carried out the attack.", "blamed", "authorities"),
        ("Bassal reported one person killed there, again blaming Israeli fire.", "blamed", "Bassal"),
        # a group that says in a statement that it did it claims it
        ("The Liberation Army, a separatist group, said in a statement that it carried out the attack.", "claimed", "Liberation Army"),
        ("The Al Qaeda-linked group has said it killed nearly 300 people there.", "claimed", "Al Qaeda-linked group"),
        ('"This is a massacre," Industry Minister Julien Paluku said, blaming the M23 rebel group.', "blamed", "Julien Paluku"),
        # a denial without a denial verb; the inquiry is the military's, the military speaks
        ('The military said an inquiry had found that its troops "did not fire at civilians" near the site.', "denied", "military"),
    ],
)
def test_attribution_frames(sentence: str, stance: str, actor: str) -> None:
    claims = _only(sentence, "responsibility")
    assert any(c.stance == stance and actor.lower() in c.actor.lower() for c in claims), [
        (c.stance, c.actor) for c in claims
    ]


@pytest.mark.parametrize(
    ("sentence", "stances"),
    [
        ("Israel's military said Hezbollah was behind the strike, which Hezbollah denied.", [("blamed", "Israel"), ("denied", "Hezbollah")]),
        ("Moscow blamed Kyiv for the drone attack, an accusation Ukraine rejected.", [("blamed", "Moscow"), ("denied", "Ukraine")]),
        ("Police have not said who they believe is responsible for the shooting.", []),
        ("The group did not say whether it was behind the attack.", []),
    ],
)
def test_stances_after_a_comma_and_unsaid_ones(sentence: str, stances: list[tuple[str, str]]) -> None:
    got = [(c.stance, c.actor) for c in _only(sentence, "responsibility")]
    assert len(got) == len(stances)
    for (stance, actor), (want_stance, want_actor) in zip(got, stances, strict=True):
        assert stance == want_stance and want_actor in actor


def test_two_stances_in_one_sentence_have_their_own_actors() -> None:
    claims = _only("The Islamic State group said it was behind the attack, while the Taliban said they had played no part.", "responsibility")
    assert {(c.stance, c.actor) for c in claims} == {("claimed", "The Islamic State group"), ("denied", "the Taliban")}




def test_an_anaphor_names_the_group_last_blamed() -> None:
    claims = _only("Officials blamed the Red Hand for the attack. The group denied involvement.", "responsibility")
    denied = next(c for c in claims if c.stance == "denied")
    assert "Red Hand" in denied.actor
    blamed = next(c for c in claims if c.stance == "blamed")
    assert blamed.noun == "the Red Hand"


def test_she_is_the_person_who_spoke() -> None:
    text = "The UN envoy, Ingrid Solheim, condemned the attack, which she blamed on the Red Hand."
    blamed = next(c for c in _only(text, "responsibility") if c.stance == "blamed")
    assert "Ingrid Solheim" in blamed.actor




def test_a_denial_says_what_it_denies() -> None:
    (claim,) = _only("The ministry denied hitting residential buildings.", "responsibility")
    assert claim.noun == "hitting residential buildings"
