using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>The writer of a JSON response, flushed to its stream as lists are written rather than at the end.</summary>
internal sealed class JsonOutput(Utf8JsonWriter writer, CancellationToken cancellationToken)
{
    // Utf8JsonWriter buffers until flushed; flushing once this much is pending keeps a long list from being held
    // whole in memory without a write per small value.
    private const int FlushThreshold = 16 * 1024;

    public Utf8JsonWriter Writer => writer;

    public ValueTask FlushIfFullAsync()
    {
        cancellationToken.ThrowIfCancellationRequested();
        return writer.BytesPending >= FlushThreshold ? new ValueTask(writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }
}
