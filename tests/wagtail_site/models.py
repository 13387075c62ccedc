from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page


class ArticlePage(Page):
    """A news article: a rich-text standfirst, a StreamField body and related stories (inline children)."""

    standfirst = RichTextField(blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock()),
            ("paragraph", blocks.RichTextBlock()),
            ("quote", blocks.StructBlock([("text", blocks.TextBlock()), ("source", blocks.CharBlock(required=False))])),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + ["standfirst", "body", InlinePanel("related")]


class RelatedStory(Orderable):
    """A related story under an article, with a rich-text caption: an inline child the hook checks too."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related")
    caption = RichTextField(blank=True)

    panels = ["caption"]
