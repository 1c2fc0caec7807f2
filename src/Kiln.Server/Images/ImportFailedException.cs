namespace Kiln.Server.Images;

/// <summary>
/// An import that cannot go on: the URL did not give a file (status, connection, size), or the file is not an image
/// Kiln accepts. Carries what the image's error status shows: the step, what and why, and the tool's own words.
/// </summary>
internal sealed class ImportFailedException : Exception
{
    public ImportFailedException(string step, string message, string? detail = null, Exception? inner = null) : base(message, inner)
    {
        Step = step;
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
    }

    public ImportFailedException()
    {
        Step = "importing";
    }

    public ImportFailedException(string message) : this("importing", message)
    {
    }

    public ImportFailedException(string message, Exception inner) : this("importing", message, null, inner)
    {
    }

    /// <summary>"downloading", "inspecting" or "storing".</summary>
    public string Step { get; }

    /// <summary>Tool output or the underlying error's own text, for detailedErrorMsg; null when there is nothing more to say.</summary>
    public string? Detail { get; }
}
