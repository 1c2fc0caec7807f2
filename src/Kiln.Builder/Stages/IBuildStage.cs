namespace Kiln.Builder.Stages;

/// <summary>One step of a build. Reports progress under its name and stops promptly when cancelled.</summary>
internal interface IBuildStage
{
    string Name { get; }

    Task RunAsync(BuildContext context, CancellationToken cancellationToken);
}
