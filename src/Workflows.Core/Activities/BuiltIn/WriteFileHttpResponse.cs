using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Answers the HTTP request that started or resumed the workflow with a file, as Elsa's: no content is 204, one file
/// is sent as it is, several are zipped. The server sends it as an attachment named Filename, with the entity tag and
/// range processing (Range, If-Range, If-None-Match, If-Match), so a client can resume a download. Without an HTTP host
/// the response is recorded in the journal instead.
/// </summary>
[Activity("Elsa", "WriteFileHttpResponse", Category = "HTTP", DisplayName = "HTTP File Response", Description = "Send one ore more files (zipped) to the HTTP response.")]
public sealed class WriteFileHttpResponse : Activity
{
    [Input(Description = "The content type of the file to serve. Leave empty to let the system determine the content type.", Order = 0)]
    public string? ContentType { get; set; }

    [Input(Description = "The name of the file to serve. Leave empty to let the system determine the file name.", Order = 1)]
    public string? Filename { get; set; }

    [Input(Description = "The Entity Tag of the file to serve. Leave empty to let the system determine the Entity Tag.", Order = 2)]
    public string? EntityTag { get; set; }

    [Input(Description = "The file content to serve: text, a file (e.g. a DownloadHttpFile result) or an array of those (zipped).", TypeName = "Object", UIHint = "multiline", Order = 3)]
    public JsonNode? Content { get; set; }

    [Input(Description = "Whether to enable resumable downloads. When enabled, the client can resume a download if the connection is lost.", Order = 4)]
    public bool EnableResumableDownloads { get; set; }

    [Input(Description = "The correlation ID of the download used to resume a download. If left empty, the x-elsa-download-id header will be used.", Order = 5)]
    public string? DownloadCorrelationId { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var file = Resolve(HttpFileContent.Files(Content, context.Node.Id));
        if (context.Services.GetService<IHttpResponseSink>() is { } sink)
            await sink.WriteFileAsync(context.WorkflowInstanceId, file, context.CancellationToken);
        else
            context.Log("HttpFileResponse", file is null ? "204 no content" : $"200 {file.Filename}", file is null ? null : new JsonObject
            {
                ["filename"] = file.Filename,
                ["contentType"] = file.ContentType,
                ["eTag"] = file.ETag,
                ["length"] = file.Content.Length,
            });
        context.Complete();
    }

    /// <summary>The file to send (null: none): the inputs win over what the file itself says, as in Elsa.</summary>
    private HttpFile? Resolve(IReadOnlyList<HttpFile> files)
    {
        if (files.Count == 0)
            return null;
        var file = files.Count == 1 ? files[0] : HttpFileContent.Zip(files);
        return file with
        {
            Filename = Pick(Filename) ?? Pick(file.Filename) ?? "file.bin",
            ContentType = Pick(ContentType) ?? Pick(file.ContentType),
            ETag = Quoted(Pick(EntityTag) ?? Pick(file.ETag)),
        };
    }

    private static string? Pick(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An entity tag is a quoted string (RFC 9110); Studio users often type it bare.</summary>
    private static string? Quoted(string? tag) =>
        tag is null || tag.StartsWith('"') || tag.StartsWith("W/", StringComparison.Ordinal) ? tag : $"\"{tag}\"";
}
