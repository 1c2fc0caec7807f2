namespace Kiln.Cimi;

/// <summary>
/// A MachineImage (resourceURI <see cref="CimiUris.MachineImage"/>). Attributes in the schema's order; absent (null)
/// values and empty lists are left out of the document.
/// </summary>
public sealed record MachineImage
{
    /// <summary>The absolute URL of the image; also the href of its <c>edit</c> and <c>delete</c> operations.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    /// <summary>Name to value, in the order written (XML <c>&lt;property name="k"&gt;v&lt;/property&gt;</c>, JSON an object).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public MachineImageState? State { get; init; }

    public MachineImageType? Type { get; init; }

    /// <summary>The URI of the image bits.</summary>
    public string? ImageLocation { get; init; }

    /// <summary>The href of the image this one was made from.</summary>
    public string? RelatedImage { get; init; }

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
