namespace Kiln.Builder;

/// <summary>Where a build is: the stage under way, overall percent (0-100) and what it is doing.</summary>
public sealed record BuildProgress(string Stage, double Percent, string Message);
