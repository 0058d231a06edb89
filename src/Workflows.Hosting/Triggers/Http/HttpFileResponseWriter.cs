using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Workflows.Core.Activities.BuiltIn;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Sends WriteFileHttpResponse's file as Elsa does (ASP.NET's file result): an attachment named by Content-Disposition,
/// the content type from the filename when none was given, the entity tag, and range processing, so Range, If-Range,
/// If-Match and If-None-Match get 206, 412 or 304 as the request asks.
/// </summary>
internal static class HttpFileResponseWriter
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static Task WriteAsync(HttpContext context, HttpFile file)
    {
        var contentType = file.ContentType
            ?? (ContentTypes.TryGetContentType(file.Filename, out var byName) ? byName : System.Net.Mime.MediaTypeNames.Application.Octet);
        var entityTag = file.ETag is { } tag && EntityTagHeaderValue.TryParse(tag, out var parsed) ? parsed : null;
        return Results.File(file.Content, contentType, file.Filename, enableRangeProcessing: true, lastModified: null, entityTag: entityTag)
            .ExecuteAsync(context);
    }
}
