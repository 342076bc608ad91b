"""The offline ``espeak`` speech engine: espeak-ng, a distinct variant and pitch per character."""

from __future__ import annotations

import shutil
import subprocess

from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.errors import SpeechToolMissingError as SpeechToolMissingError
from microdrama.formats._common import is_chinese
from microdrama.model.media import Voice

FEMALE = ("f1", "f2", "f3", "f4", "f5", "Annie", "Andrea", "belinda", "linda", "Alicia")
MALE = ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "Alex", "max", "john")
OLD = {"female": "grandma", "male": "grandpa"}
NARRATOR = "m3"
#: espeak-ng's Mandarin counts every syllable as a word, so its "words per minute" speak about 3 characters a
#: second at 175; this factor brings it to about 4 (the script times lines at the measured rate:
#: text/speech_rates.toml, benchmarks/speech_rate.py)
CMN_RATE_SCALE = 1.45


def espeak_binary() -> str:
    """Path of espeak-ng.

    Raises:
        SpeechToolMissingError: not installed (the message names the package).
    """
    found = shutil.which("espeak-ng")
    if not found:
        raise SpeechToolMissingError(
            "espeak-ng is not installed; the offline voices need it: apt-get install espeak-ng (Debian/Ubuntu), "
            "or set engines.speech to an openai-tts:// server"
        )
    return found


def espeak_rate(voice: Voice) -> int:
    """espeak-ng's ``-s`` for the voice: its rate, scaled for Mandarin voices."""
    if voice.engine_voice.split("+", 1)[0] == "cmn":
        return min(450, round(voice.rate_wpm * CMN_RATE_SCALE))
    return voice.rate_wpm


class EspeakEngine:
    """``espeak``: espeak-ng voices (``en-us`` or ``cmn`` plus a variant)."""

    id = "espeak"

    def __init__(self, url: str = "espeak") -> None:
        self.url = url

    def voice_name(self, gender: str, age: str, index: int, language: str) -> str:
        """``<language>+<variant>``; old characters get the grandma/grandpa variants (the pitch tells them apart)."""
        base = "cmn" if is_chinese(language) else "en-us"
        if index < 0:
            return f"{base}+{NARRATOR}"
        if age == "old" and gender in OLD:
            return f"{base}+{OLD[gender]}"
        # gender unknown: the novels' unsexed speakers are mostly men (阿Q, Dr. Watson), so male variants come first
        pool = FEMALE if gender == "female" else MALE if gender == "male" else MALE[1::2] + FEMALE[::2]
        return f"{base}+{pool[index % len(pool)]}"

    def synthesize(self, text: str, voice: Voice, language: str) -> bytes:
        """WAV (22 050 Hz mono) of ``text``; the text goes through stdin, never the command line."""
        result = subprocess.run(
            [
                espeak_binary(),
                "-v",
                voice.engine_voice,
                "-p",
                str(voice.pitch),
                "-s",
                str(espeak_rate(voice)),
                "--stdout",
            ],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0 or not result.stdout:
            raise SpeechToolMissingError(
                f"espeak-ng failed for voice {voice.engine_voice!r}: {result.stderr.decode('utf-8', 'replace').strip()}"
            )
        pcm, rate, channels = read_wav(result.stdout, where="espeak-ng output")
        return pcm_to_wav(pcm, rate, channels)
