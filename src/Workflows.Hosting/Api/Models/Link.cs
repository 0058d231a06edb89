namespace Workflows.Hosting.Api.Models;

/// <summary>A HATEOAS link; Studio decides whether a definition is editable by the presence of <c>rel: "publish"</c>.</summary>
public sealed record Link(string Href, string Rel, string Method);
