namespace Kiln.Cimi;

/// <summary>
/// A Job (resourceURI <see cref="CimiUris.Job"/>): the progress of asynchronous work on a resource. Absent (null)
/// values and empty lists are left out of the document.
/// </summary>
public sealed record Job
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public JobState? State { get; init; }

    /// <summary>The href of the resource the job works on.</summary>
    public string? TargetResource { get; init; }

    /// <summary>The hrefs of other resources the job changes (XML <c>affectedResource</c>, JSON <c>affectedResources</c>).</summary>
    public IReadOnlyList<string> AffectedResources { get; init; } = [];

    /// <summary>What the job does: <c>add</c>, <c>delete</c>, or an action URI.</summary>
    public string? Action { get; init; }

    public int? ReturnCode { get; init; }

    /// <summary>Percent done, 0 to 100.</summary>
    public int? Progress
    {
        get;
        init => field = value is null or (>= 0 and <= 100)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "progress is a percentage, 0 to 100");
    }

    public string? StatusMessage { get; init; }

    public DateTimeOffset? TimeOfStatusChange { get; init; }

    public bool? IsCancellable { get; init; }

    /// <summary>The href of the job this one is part of.</summary>
    public string? ParentJob { get; init; }

    /// <summary>The hrefs of the jobs this one is made of (XML <c>nestedJob</c>, JSON <c>nestedJobs</c>).</summary>
    public IReadOnlyList<string> NestedJobs { get; init; } = [];

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
