"""Print the state machines as Mermaid diagrams (README shows them), from the models themselves,
so the picture cannot drift from the code."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django_fsm import FSMFieldMixin

from workflow.diagram import mermaid_for_model


class Command(BaseCommand):
    help = "In sơ đồ trạng thái (Mermaid) của các mô hình có quy trình."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("models", nargs="*", help="app_label.Model (mặc định: tất cả)")

    def handle(self, *args, **options) -> None:
        names = options["models"]
        models = (
            [apps.get_model(name) for name in names]
            if names
            else [
                m
                for m in apps.get_models()
                if any(isinstance(f, FSMFieldMixin) for f in m._meta.fields)
            ]
        )
        for model in models:
            self.stdout.write(f"### {model._meta.verbose_name}\n\n```mermaid")
            self.stdout.write(mermaid_for_model(model))
            self.stdout.write("```\n")
