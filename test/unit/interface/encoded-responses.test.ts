import { keepEncoded, withEncodedResponses } from '../../../src/interface/grpc/encoded-responses';

/** A method definition whose serializer counts its calls. */
function countingDefinition() {
  const counter = { calls: 0 };
  const definition = {
    getThing: {
      path: '/test.Things/GetThing',
      responseSerialize: (value: { name: string }) => {
        counter.calls += 1;
        return Buffer.from(JSON.stringify(value));
      },
    },
  };
  return { counter, serialize: withEncodedResponses(definition).getThing.responseSerialize };
}

test('a response marked keepEncoded is encoded once, however often it is answered', () => {
  const { counter, serialize } = countingDefinition();
  const response = keepEncoded({ name: 'ada' });
  const first = serialize(response);
  expect(serialize(response)).toBe(first);
  expect(serialize(response).toString()).toBe('{"name":"ada"}');
  expect(counter.calls).toBe(1);
});

test('other responses are encoded every time, even when the same object comes again', () => {
  const { counter, serialize } = countingDefinition();
  const response = { name: 'grace' };
  serialize(response);
  serialize(response);
  expect(counter.calls).toBe(2);
  // A new response (the account changed) is a new object: encoded anew, never the old bytes.
  expect(serialize(keepEncoded({ name: 'grace hopper' })).toString()).toBe('{"name":"grace hopper"}');
});
