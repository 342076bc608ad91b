"""C2PA manifests (``c2pa-python``, the CAI bindings to c2pa-rs): signed only with the user's certificate.

A manifest says ``c2pa.created`` with the IPTC digital source type and carries the GB 45438 AIGC
object as an assertion. Signing needs a certificate chain and private key (PEM) named in the settings;
without them nothing is signed. The package is an optional extra (``pip install microdrama[c2pa]``):
signing without it is a clear error, reading without it reports that the manifest cannot be checked.
Signatures embed a fresh manifest id, so signed files are not byte-reproducible.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from microdrama import __version__
from microdrama.compliance.errors import ComplianceError

MIME = {"png": "image/png", "jpeg": "image/jpeg", "mp4": "video/mp4", "wav": "audio/wav", "mp3": "audio/mpeg"}
ALGORITHMS = ("es256", "es384", "es512", "ps256", "ps384", "ps512", "ed25519")


def available() -> bool:
    """True when ``c2pa-python`` imports."""
    try:
        import c2pa  # noqa: F401  # optional dependency (the c2pa extra): probed, never required
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Credentials:
    """A signing certificate chain and its private key, PEM (never stored in the project)."""

    cert_chain: bytes
    private_key: bytes
    algorithm: str = "es256"

    @classmethod
    def from_files(cls, cert: Path, key: Path, algorithm: str = "es256") -> Credentials:
        """Read the PEM files.

        Raises:
            ComplianceError: a file is missing, not PEM, or the algorithm is unknown.
        """
        if algorithm.lower() not in ALGORITHMS:
            raise ComplianceError(f"C2PA algorithm {algorithm!r} unknown; use one of {', '.join(ALGORITHMS)}")
        blobs = []
        for what, path in (("certificate", cert), ("private key", key)):
            if not path.is_file():
                raise ComplianceError(f"C2PA {what} file not found: {path}")
            data = path.read_bytes()
            if b"-----BEGIN" not in data:
                raise ComplianceError(f"C2PA {what} {path} is not PEM")
            blobs.append(data)
        return cls(blobs[0], blobs[1], algorithm.lower())


def _signer(credentials: Credentials):
    import c2pa  # optional dependency (the c2pa extra): imported only when signing

    alg = getattr(c2pa.C2paSigningAlg, credentials.algorithm.upper())
    info = c2pa.C2paSignerInfo(alg, credentials.cert_chain, credentials.private_key, None)
    return c2pa.Signer.from_info(info)


def sign(
    data: bytes,
    container: str,
    credentials: Credentials,
    *,
    title: str,
    digital_source_type: str,
    aigc: dict[str, str],
    generator: str = "microdrama",
) -> bytes:
    """``data`` with an embedded, signed C2PA manifest.

    Raises:
        ComplianceError: c2pa-python is missing, the format is not signable, or signing failed.
    """
    if not available():
        raise ComplianceError("C2PA signing needs the optional package c2pa-python: pip install 'microdrama[c2pa]'")
    if container not in MIME:
        raise ComplianceError(f"C2PA cannot sign {container} files")
    import c2pa  # optional dependency (the c2pa extra): imported only when signing

    manifest = {
        "claim_generator_info": [{"name": generator, "version": __version__}],
        "title": title,
        "format": MIME[container],
        "assertions": [
            {
                "label": "c2pa.actions.v2",
                "data": {"actions": [{"action": "c2pa.created", "digitalSourceType": digital_source_type}]},
            },
            {"label": "cn.gb45438.aigc", "data": {"AIGC": aigc}},
        ],
    }
    out = io.BytesIO()
    try:
        with c2pa.Builder(json.dumps(manifest)) as builder:
            builder.sign(_signer(credentials), MIME[container], io.BytesIO(data), out)
    except c2pa.C2paError as exc:
        raise ComplianceError(f"C2PA signing failed ({title}): {exc}") from exc
    return out.getvalue()


def read_manifest(data: bytes, container: str) -> str:
    """A one-line account of the file's C2PA manifest: ``valid: …``, ``invalid: …`` or why it was not checked."""
    if not available():
        return "present, not checked (install c2pa-python to validate)"
    import c2pa  # optional dependency (the c2pa extra): imported only when a manifest is found

    try:
        reader = c2pa.Reader.try_create(MIME.get(container, "application/octet-stream"), io.BytesIO(data))
    except c2pa.C2paError as exc:
        return f"invalid: {exc}"
    if reader is None:
        return "invalid: no readable manifest"
    with reader:
        state = reader.get_validation_state() or "unknown"
        store = json.loads(reader.json())
    manifest = store.get("manifests", {}).get(store.get("active_manifest", ""), {})
    sources = [
        a.get("digitalSourceType", "")
        for assertion in manifest.get("assertions", [])
        if assertion.get("label", "").startswith("c2pa.actions")
        for a in assertion.get("data", {}).get("actions", [])
    ]
    kind = next((s.rsplit("/", 1)[-1] for s in sources if s), "no digitalSourceType")
    status = store.get("validation_status") or []
    failures = [s.get("code", "") for s in status if "mismatch" in s.get("code", "") or "invalid" in s.get("code", "")]
    if failures:
        return f"invalid: {', '.join(failures)}"
    return f"{state.lower()}: {kind}"
