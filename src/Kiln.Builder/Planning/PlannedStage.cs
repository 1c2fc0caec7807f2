namespace Kiln.Builder.Planning;

/// <summary>The stages of a build, in order.</summary>
public static class StageNames
{
    public const string Bootstrap = "bootstrap";
    public const string Customize = "customize";
    public const string Disk = "disk";
    public const string Convert = "convert";
    public const string Verify = "verify";
    public const string Package = "package";
    public const string Checksum = "checksum";
}

/// <summary>A stage of the plan with its share of the progress bar.</summary>
public sealed record PlannedStage(string Name, int Weight);
