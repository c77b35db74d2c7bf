//! The hand-written OpenAPI 3.0 document served at `/openapi.json`.

use axum::http::header;
use axum::response::IntoResponse;

/// The OpenAPI document (JSON).
pub const OPENAPI: &str = r##"{
  "openapi": "3.0.3",
  "info": {
    "title": "detente API",
    "version": "1",
    "description": "News to CAMEO events: code text, query stored events, dyad series and alerts. Every error is a JSON object {\"error\": \"...\"}. When the server has a token, non-GET requests need `Authorization: Bearer <token>`."
  },
  "paths": {
    "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string", "enum": ["ok"]}}}}}}}}},
    "/v1/code": {"post": {
      "summary": "Code a text into events (the records of `detente code`)",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["text"], "additionalProperties": false, "properties": {
        "text": {"type": "string"}, "date": {"type": "string", "format": "date", "description": "publication date, YYYY-MM-DD"}, "id": {"type": "string", "description": "doc_id of the records (default: api)"}}}}}},
      "responses": {"200": {"description": "events", "content": {"application/json": {"schema": {"type": "object", "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/CodedEvent"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}}}},
    "/v1/events": {"get": {
      "summary": "Stored events matching a filter (the filters of `detente events`)",
      "parameters": [
        {"name": "dyad", "in": "query", "schema": {"type": "string", "example": "ISR-SYR"}, "description": "two actor-code prefixes; both directions unless directed"},
        {"name": "directed", "in": "query", "schema": {"type": "boolean"}},
        {"name": "actor", "in": "query", "schema": {"type": "string"}, "description": "actor-code prefix on either side"},
        {"name": "code", "in": "query", "schema": {"type": "string"}, "description": "CAMEO code prefix"},
        {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "YYYY[-MM[-DD]], inclusive"},
        {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "YYYY[-MM[-DD]], inclusive"},
        {"name": "mode", "in": "query", "schema": {"type": "string"}, "description": "comma-separated modes; default asserted,reported,future,historical"},
        {"name": "ids", "in": "query", "schema": {"type": "string"}, "description": "comma-separated event ids (at most 1000); the other filters are then ignored"},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1000}}],
      "responses": {"200": {"description": "events", "content": {"application/json": {"schema": {"type": "object", "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/StoredEvent"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/v1/dyads/top": {"get": {
      "summary": "Most active undirected country dyads",
      "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}}],
      "responses": {"200": {"description": "dyads", "content": {"application/json": {"schema": {"type": "object", "properties": {"dyads": {"type": "array", "items": {"type": "object", "properties": {
        "dyad": {"type": "string"}, "events": {"type": "integer"}, "goldstein_mean": {"type": "number", "nullable": true}}}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/v1/dyads/{a}/{b}/series": {"get": {
      "summary": "A dyad's series of rolled-up events, with its alerts",
      "parameters": [
        {"name": "a", "in": "path", "required": true, "schema": {"type": "string"}},
        {"name": "b", "in": "path", "required": true, "schema": {"type": "string"}},
        {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["day", "week", "month"], "default": "month"}},
        {"name": "directed", "in": "query", "schema": {"type": "boolean"}}],
      "responses": {"200": {"description": "series", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "dyad": {"type": "string"}, "by": {"type": "string"}, "directed": {"type": "boolean"},
        "periods": {"type": "array", "items": {"$ref": "#/components/schemas/Period"}},
        "alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}},
        "skipped_imprecise": {"type": "integer"}, "skipped_undated": {"type": "integer"}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/v1/alerts": {"get": {
      "summary": "Escalation and de-escalation alerts (CUSUM) of every country dyad, or one",
      "parameters": [
        {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "dyad", "in": "query", "schema": {"type": "string"}},
        {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["day", "week", "month"], "default": "month"}},
        {"name": "min_events", "in": "query", "schema": {"type": "integer", "default": 10}}],
      "responses": {"200": {"description": "alerts", "content": {"application/json": {"schema": {"type": "object", "properties": {"alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/v1/articles/{id}": {"get": {
      "summary": "A stored article with its events' evidence spans (offsets in code points)",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "article", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "id": {"type": "string"}, "title": {"type": "string", "nullable": true}, "date": {"type": "string", "nullable": true},
        "source": {"type": "string", "nullable": true}, "url": {"type": "string", "nullable": true}, "text": {"type": "string"},
        "events": {"type": "array", "items": {"type": "object", "properties": {
          "id": {"type": "integer"}, "sentence_id": {"type": "integer"}, "cameo": {"type": "string"}, "quad_class": {"type": "integer", "nullable": true},
          "goldstein": {"type": "number", "nullable": true}, "source": {"type": "string"}, "target": {"type": "string", "nullable": true},
          "mode": {"type": "string"}, "date": {"type": "string", "nullable": true}, "evidence": {"type": "string"},
          "evidence_start": {"type": "integer"}, "evidence_end": {"type": "integer"}}}}}}}}},
        "404": {"$ref": "#/components/responses/Error"}}}},
    "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.0 document"}}}},
    "/": {"get": {"summary": "The dashboard (embedded HTML)", "responses": {"200": {"description": "HTML"}}}},
    "/assets/{file}": {"get": {"summary": "Dashboard assets", "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string", "enum": ["index.html", "app.js", "style.css"]}}],
      "responses": {"200": {"description": "the file"}, "404": {"$ref": "#/components/responses/Error"}}}}
  },
  "components": {
    "responses": {"Error": {"description": "an error", "content": {"application/json": {"schema": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}}}}},
    "schemas": {
      "CodedEvent": {"type": "object", "description": "one record of `detente code` (detente_events::Event)", "additionalProperties": true},
      "StoredEvent": {"type": "object", "additionalProperties": true, "properties": {
        "id": {"type": "integer"}, "article_id": {"type": "string"}, "sentence_id": {"type": "integer"}, "date": {"type": "string", "nullable": true},
        "source": {"type": "string"}, "source_text": {"type": "string"}, "target": {"type": "string", "nullable": true}, "target_text": {"type": "string", "nullable": true},
        "cameo": {"type": "string"}, "root": {"type": "string"}, "quad_class": {"type": "integer", "nullable": true}, "goldstein": {"type": "number", "nullable": true},
        "plover": {"type": "string", "nullable": true}, "mode": {"type": "string"}, "evidence": {"type": "string"}, "evidence_start": {"type": "integer"}, "evidence_end": {"type": "integer"},
        "pattern": {"type": "string"}, "article_date": {"type": "string", "nullable": true}, "article_source": {"type": "string", "nullable": true}, "article_url": {"type": "string", "nullable": true},
        "num_mentions": {"type": "integer"}, "num_sources": {"type": "integer"}, "num_articles": {"type": "integer"}}},
      "Period": {"type": "object", "properties": {
        "period": {"type": "string"}, "start": {"type": "string"}, "events": {"type": "integer"},
        "verbal_coop": {"type": "integer"}, "material_coop": {"type": "integer"}, "verbal_conflict": {"type": "integer"}, "material_conflict": {"type": "integer"},
        "unclassified": {"type": "integer"}, "goldstein_sum": {"type": "number"}, "goldstein_mean": {"type": "number", "nullable": true},
        "cci": {"type": "number", "nullable": true}, "event_ids": {"type": "array", "items": {"type": "integer"}}}},
      "Alert": {"type": "object", "properties": {
        "dyad": {"type": "string"}, "direction": {"type": "string", "enum": ["escalation", "de-escalation"]}, "period": {"type": "string"}, "start": {"type": "string"},
        "run_start": {"type": "string"}, "strength": {"type": "number"}, "shift": {"type": "number"}, "baseline": {"type": "number"}, "value": {"type": "number"},
        "event_ids": {"type": "array", "items": {"type": "integer"}}}}
    }
  }
}"##;

pub(crate) async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
