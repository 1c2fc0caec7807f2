using Kiln.Builder.Appliances;

namespace Kiln.Builder;

/// <summary>One build: an appliance, the formats wanted and where the artefacts go.</summary>
public sealed record BuildRequest(ApplianceDefinition Appliance, IReadOnlyList<string> Formats, string OutputDirectory)
{
    /// <summary>Replace artefacts of the same name already in the output directory.</summary>
    public bool Overwrite { get; init; }
}
