using Workflows.Core.Definitions;

namespace Workflows.Hosting.Api;

/// <summary>
/// Responses in Elsa's wire conventions (camelCase, string enums, nulls written): Studio's client matches
/// property names case-sensitively, so the host's own JSON settings must not apply here.
/// </summary>
public static class ElsaJson
{
    public static IResult Ok<T>(T value) => Results.Json(value, WorkflowJson.Options);

    public static IResult Status<T>(T value, int statusCode) => Results.Json(value, WorkflowJson.Options, statusCode: statusCode);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not-found", message);

    /// <summary>A 400 whose <c>errors</c> Studio shows as messages on save, publish and retract.</summary>
    public static IResult BadRequest(params string[] errors) =>
        Status(new ValidationErrorBody(errors, errors.FirstOrDefault() ?? "Bad request."), StatusCodes.Status400BadRequest);

    public static IResult Error(int statusCode, string error, string message) => Status(new ErrorBody(error, message), statusCode);

    private sealed record ErrorBody(string Error, string Message);

    private sealed record ValidationErrorBody(IReadOnlyList<string> Errors, string Message);
}
