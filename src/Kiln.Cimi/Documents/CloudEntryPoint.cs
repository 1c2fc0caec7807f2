namespace Kiln.Cimi;

/// <summary>
/// The Cloud Entry Point: where a client finds every collection (<c>GET /cimi/cloudEntryPoint</c>). Absent (null)
/// values are left out of the document.
/// </summary>
public sealed record CloudEntryPoint
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    /// <summary>The root every href begins with; ends with <c>/</c>.</summary>
    public string? BaseUri { get; init; }

    /// <summary>
    /// Collection name (<see cref="CimiCollections"/>) to the collection's absolute href. Written in the schema's
    /// order whatever the dictionary's; a name the schema does not know is refused when writing.
    /// </summary>
    public IReadOnlyDictionary<string, string> Collections { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Not a CIMI attribute: Deltacloud's client model refuses a CEP without <c>driver</c> and <c>provider</c>.
    /// The schema allows only foreign elements after the collection refs, so XML carries them in
    /// <see cref="CimiUris.KilnNamespace"/>; JSON as plain members.
    /// </summary>
    public string? Driver { get; init; }

    /// <inheritdoc cref="Driver"/>
    public string? Provider { get; init; }
}
