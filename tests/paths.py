"""Where the shared corpus lives: ../shared/corpus beside the checkout, or $NORMSCOPE_CORPUS."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = Path(os.environ.get("NORMSCOPE_CORPUS", ROOT.parent / "shared" / "corpus"))
LAWS = SHARED_CORPUS / "laws"
ENFORCEMENT = SHARED_CORPUS / "enforcement"
