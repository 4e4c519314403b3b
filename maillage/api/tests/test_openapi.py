from django.test import SimpleTestCase

# The paths the issues name: a contract users rely on (the access matrix covers the
# complete list of operations).
PATHS = {
    "/api/v1/programmes": {"get"},
    "/api/v1/requests": {"get", "post"},
    "/api/v1/requests/{request_id}": {"get"},
    "/api/v1/requests/{request_id}/decision": {"post"},
    "/api/v1/cases": {"get"},
    "/api/v1/cases/{case_id}": {"get"},
    "/api/v1/cases/{case_id}/consents": {"get", "post"},
    "/api/v1/cases/{case_id}/assessments": {"get", "post"},
    "/api/v1/cases/{case_id}/actors": {"get", "post"},
    "/api/v1/cases/{case_id}/network-map.svg": {"get"},
    "/api/v1/cases/{case_id}/goals": {"get", "post"},
    "/api/v1/cases/{case_id}/actions": {"get", "post"},
    "/api/v1/cases/{case_id}/crisis-plan": {"get", "put"},
    "/api/v1/cases/{case_id}/journal": {"get", "post"},
    "/api/v1/cases/{case_id}/close": {"post"},
}


class OpenApiDocumentTests(SimpleTestCase):
    def setUp(self) -> None:
        response = self.client.get("/api/v1/openapi.json", secure=True)
        self.assertEqual(response.status_code, 200)
        self.document = response.json()

    def test_it_loads_without_a_token_and_lists_every_path(self) -> None:
        self.assertTrue(self.document["openapi"].startswith("3."))
        documented = {path: set(ops) for path, ops in self.document["paths"].items()}
        for path, operations in PATHS.items():
            self.assertLessEqual(operations, documented.get(path, set()), path)

    def test_every_operation_needs_a_bearer_token(self) -> None:
        schemes = self.document["components"]["securitySchemes"]
        self.assertEqual(schemes["BearerToken"], {"type": "http", "scheme": "bearer"})
        for path, operations in self.document["paths"].items():
            for operation in operations.values():
                if path.startswith("/api/v1/public/"):
                    # Made for people without an account: open, each submission guarded
                    # by a proof of work and limits (maillage/guard).
                    self.assertNotIn("security", operation, path)
                    self.assertEqual(operation["tags"], ["public"], path)
                else:
                    self.assertEqual(operation["security"], [{"BearerToken": []}], path)

    def test_it_documents_errors_and_light_list_items(self) -> None:
        post = self.document["paths"]["/api/v1/requests"]["post"]
        self.assertIn("201", post["responses"])
        self.assertIn("422", post["responses"])
        listing = self.document["paths"]["/api/v1/requests"]["get"]
        self.assertIn("only the stored `outcome`", listing["description"])
        schemas = self.document["components"]["schemas"]
        self.assertEqual(set(schemas["ErrorOut"]["properties"]), {"detail", "errors"})
        self.assertIn("current_version", schemas["StaleOut"]["properties"])


class UnknownPathTests(SimpleTestCase):
    def test_any_other_path_under_the_api_is_a_json_404(self) -> None:
        for path in ("/api/v1/", "/api/v1/nope", "/api/v1/requests/", "/api/v1/docs"):
            response = self.client.get(path, secure=True, HTTP_ACCEPT_LANGUAGE="en")
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.json(), {"detail": "Not found.", "errors": []})
