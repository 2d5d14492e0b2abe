/**
 * The Text Generation Inference release the Kubernetes objects pin, and what that release implies, read once
 * from its sources (github.com/huggingface/text-generation-inference at tag v3.3.7, read 2026-12-03).
 */

/**
 * TGI's image. v3.3.7 (tagged 2025-12-18) is the newest release: the project entered maintenance mode on
 * 2025-12-11 (README, PR #3345: "we will accept pull requests for minor bug fixes..."). The README's
 * `docker run` examples use `ghcr.io/huggingface/text-generation-inference:<version>` without a `v`.
 */
export const TGI_IMAGE_REPOSITORY = 'ghcr.io/huggingface/text-generation-inference';
export const TGI_IMAGE_TAG = '3.3.7';

/**
 * Seconds the launcher waits for the router to drain after SIGTERM before it kills it
 * (`--graceful-termination-timeout`, default 90, launcher/src/main.rs and docs/source/reference/launcher.md).
 * The pod's grace period (120 s) covers the 15 s pre-stop sleep plus this.
 */
export const TGI_GRACEFUL_TERMINATION_SECONDS = 90;

/**
 * The official image cannot start as a non-root user: its Python (and `libpython3.11.so`, which the Rust
 * launcher links) is installed by `uv python install` under `/root/.local/share/uv/python` (Dockerfile,
 * `LD_LIBRARY_PATH`), and `/root` is mode 0700. Open upstream: issue #3082 ("Running container rootless does
 * not work anymore"), fix PR #3197 (`UV_PYTHON_INSTALL_DIR`) not merged in any release. The container therefore
 * runs as UID 0 with every capability dropped; an image rebuilt with that fix can run restricted.
 */
export const TGI_IMAGE_NEEDS_ROOT_UID = true;
