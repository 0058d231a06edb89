using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// What WriteFileHttpResponse's Content may be, as Elsa's downloadable content handlers read it, in JSON: text (a
/// <c>file.txt</c>), a file (<see cref="HttpFile"/>'s JSON form, e.g. a DownloadHttpFile result), or an array of those
/// (several files are sent as one zip). Never a host path or URL: a workflow reads no host file and fetches nothing here.
/// </summary>
internal static class HttpFileContent
{
    public const string ZipFilename = "download.zip";

    /// <summary>The files <paramref name="content"/> holds, in order.</summary>
    public static IReadOnlyList<HttpFile> Files(JsonNode? content, string activityId)
    {
        var files = new List<HttpFile>();
        Collect(content, activityId, files);
        return files;
    }

    private static void Collect(JsonNode? content, string activityId, List<HttpFile> files)
    {
        switch (content)
        {
            case null:
                return;
            case JsonArray items:
                foreach (var item in items)
                    Collect(item, activityId, files);
                return;
            case JsonObject file when HttpFile.IsFileJson(file):
                files.Add(HttpFile.FromJson(file, activityId));
                return;
            case JsonValue value when value.TryGetValue<string>(out var text):
                files.Add(new HttpFile("file.txt", "text/plain", null, Encoding.UTF8.GetBytes(text)));
                return;
            default:
                throw new InvalidOperationException(
                    $"WriteFileHttpResponse '{activityId}': Content must be text, a file ({{\"filename\", \"contentType\", \"base64\"}}, e.g. a DownloadHttpFile result) " +
                    $"or an array of those; got {content.GetValueKind()}. Convert the value to one of these.");
        }
    }

    /// <summary>
    /// Several files as one zip. Entries carry a fixed time and the entity tag is the zip's hash, so the same files
    /// give the same bytes and tag on every request: a client resumes a download with Range / If-Range.
    /// </summary>
    public static HttpFile Zip(IReadOnlyList<HttpFile> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (file, index) in files.Select((f, i) => (f, i)))
            {
                var name = string.IsNullOrWhiteSpace(file.Filename) ? $"file-{index + 1}.bin" : file.Filename;
                if (!names.Add(name))
                    names.Add(name = $"{index + 1}-{name}");
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }
        var bytes = buffer.ToArray();
        var tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        return new HttpFile(ZipFilename, "application/zip", tag, bytes);
    }
}
