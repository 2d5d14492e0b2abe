"""Reference FastAPI model service that keeps the container contract of runtime.engine 'custom' (docs/runtimes/custom.md).

Contract:
- listens on PORT (8080);
- loads the ONNX model the platform synced into the directory named by MODEL_DIR (model.onnx);
- GET /healthz: 200 while the process runs; GET /readyz: 200 once the model is loaded;
- GET /metrics: Prometheus text, with http_requests_total (the request rate KEDA scales on);
- every other route requires `Authorization: Bearer <API_KEY>` (API_KEY comes from the synced Secret);
  health and metrics stay open for the kubelet and Prometheus.
"""
import hmac
import os
from pathlib import Path
from typing import List

import numpy as np
import onnxruntime as ort
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from pydantic import BaseModel

PORT = int(os.environ.get("PORT", "8080"))
MODEL_DIR = Path(os.environ["MODEL_DIR"])
API_KEY = os.environ.get("API_KEY", "")
OPEN_PATHS = {"/healthz", "/readyz", "/metrics"}

REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "handler", "status"])
IN_PROGRESS = Gauge("http_requests_in_progress", "HTTP requests being served", ["handler"])
LATENCY = Histogram("http_request_duration_seconds", "HTTP request latency", ["handler"])

app = FastAPI(title="fastapi-service")
session: "ort.InferenceSession | None" = None


@app.on_event("startup")
def load_model() -> None:
    global session
    session = ort.InferenceSession(str(MODEL_DIR / "model.onnx"), providers=["CUDAExecutionProvider", "CPUExecutionProvider"])


@app.middleware("http")
async def count_requests(request: Request, call_next):
    handler = request.url.path
    if handler in OPEN_PATHS:
        return await call_next(request)
    with IN_PROGRESS.labels(handler).track_inprogress(), LATENCY.labels(handler).time():
        response = await call_next(request)
    REQUESTS.labels(request.method, handler, str(response.status_code)).inc()
    return response


def require_api_key(authorization: str = Header(default="")) -> None:
    """Refuses a request without `Authorization: Bearer <API_KEY>` (constant-time comparison)."""
    scheme, _, token = authorization.partition(" ")
    if not API_KEY or scheme.lower() != "bearer" or not hmac.compare_digest(token, API_KEY):
        raise HTTPException(status_code=401, detail="missing or wrong API key", headers={"WWW-Authenticate": "Bearer"})


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> Response:
    if session is None:
        return Response(status_code=503, content="model not loaded")
    return Response(status_code=200, content="ready")


@app.get("/metrics")
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class PredictRequest(BaseModel):
    instances: List[List[float]]


@app.post("/predict", dependencies=[Depends(require_api_key)])
def predict(body: PredictRequest) -> dict:
    if session is None:
        raise HTTPException(status_code=503, detail="model not loaded")
    inputs = {session.get_inputs()[0].name: np.asarray(body.instances, dtype=np.float32)}
    outputs = session.run(None, inputs)
    return {"predictions": outputs[0].tolist()}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=PORT, timeout_graceful_shutdown=30)
